using ClientPlatform.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;

namespace ClientPlatform.Gateway;

/// <summary>
/// Routes and clusters, built from the service endpoints the AppHost injects (<c>services:{name}:http:{i}</c>,
/// one per replica): YARP balances each request over them and health-checks each one.
/// </summary>
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

    private static ClusterConfig Cluster(string name, IConfiguration configuration)
    {
        var urls = configuration.GetSection($"services:{name}:http").GetChildren()
            .Select(c => c.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .ToList();
        if (urls.Count == 0)
            throw new MissingSettingException(
                $"services:{name}:http:0 is missing: set services__{name}__http__0 (and __1, … per replica) to the service's URL " +
                "(the AppHost sets them for you).");

        return new ClusterConfig
        {
            ClusterId = name,
            LoadBalancingPolicy = "PowerOfTwoChoices",
            Destinations = urls.Select((url, i) => (url, i)).ToDictionary(d => $"{name}-{d.i}", d => new DestinationConfig { Address = d.url! }),
            // Active checks only: a dead replica refuses connections, which RetryOnDeadReplica handles at
            // once; YARP's passive policy would keep a recovered replica out for its whole detection window.
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = GatewayLimits.HealthProbeInterval,
                    Timeout = GatewayLimits.HealthProbeTimeout,
                    Policy = "ConsecutiveFailures",
                    Path = Extensions.HealthPath,
                },
            },
        };
    }
}
