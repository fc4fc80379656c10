using System.Net;
using ClientPlatform.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace ClientPlatform.Gateway;

/// <summary>
/// Routes and clusters, built from the service endpoints the AppHost injects (<c>services:{name}:http:{i}</c>,
/// one per replica): YARP balances each request over them and health-checks each one. When the replicas also
/// offer a cleartext HTTP/2 endpoint (<c>services:{name}:h2:{i}</c>, as the AppHost gives them), the gateway
/// talks HTTP/2 to them.
/// </summary>
/// <remarks>
/// HTTP/2 because it is cheaper on both sides (bench/README.md): each replica's requests share one
/// connection, so one read and one write carry many requests, where HTTP/1.1 wakes a connection for each.
/// Only to replicas addressed one by one: behind a Kubernetes Service (one virtual address, balanced per
/// connection) every request would go over one connection to one pod, so the manifests give only <c>http</c>.
/// </remarks>
internal static class ProxyConfiguration
{
    private static readonly (string Cluster, string[] Paths)[] Routes =
    [
        (ResourceNames.RegistrationApi, ["/register", "/register/{**rest}"]),
        (ResourceNames.AdminApi, ["/admin/{**rest}", "/api/admin/{**rest}"]),
    ];

    public static IReverseProxyBuilder AddGatewayRoutes(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var routes = Routes
            .SelectMany(r => r.Paths.Select((path, i) => new RouteConfig
            {
                RouteId = $"{r.Cluster}-{i}",
                ClusterId = r.Cluster,
                Match = new RouteMatch { Path = path },
            }))
            .ToList();
        var clusters = Routes.Select(r => Cluster(r.Cluster, configuration)).ToList();
        return proxy.LoadFromMemory(routes, clusters);
    }

    public static IEnumerable<string> ClusterIds => Routes.Select(r => r.Cluster);

    /// <summary>Prior knowledge, never a downgrade: an h2 endpoint speaks nothing else.</summary>
    private static readonly ForwarderRequestConfig Http2Only = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static ClusterConfig Cluster(string name, IConfiguration configuration)
    {
        var http2 = Urls(configuration, name, ResourceNames.Http2Endpoint);
        var urls = http2.Count > 0 ? http2 : Urls(configuration, name, "http");
        if (urls.Count == 0)
            throw new MissingSettingException(
                $"services:{name}:http:0 is missing: set services__{name}__http__0 (and __1, … per replica) to the service's URL " +
                "(the AppHost sets them for you).");

        return new ClusterConfig
        {
            ClusterId = name,
            LoadBalancingPolicy = "PowerOfTwoChoices",
            HttpRequest = http2.Count > 0 ? Http2Only : null,
            Destinations = urls.Select((url, i) => (url, i)).ToDictionary(d => $"{name}-{d.i}", d => new DestinationConfig { Address = d.url! }),
            // A replica leaves at its first failed connection and returns when its probe passes (ReplicaHealth);
            // /health answers within HealthBudget.PerCheck whatever its dependencies do, so the probe waits a little longer.
            HealthCheck = new HealthCheckConfig
            {
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = ReplicaHealth.PassivePolicy },
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = GatewayLimits.HealthProbeInterval,
                    Timeout = HealthBudget.Probe,
                    Policy = ReplicaHealth.ActivePolicy,
                    Path = Extensions.HealthPath,
                },
            },
        };
    }

    private static List<string> Urls(IConfiguration configuration, string service, string endpoint) =>
        configuration.GetSection($"services:{service}:{endpoint}").GetChildren()
            .Select(c => c.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!)
            .ToList();
}
