using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// Who can reach whom, evaluated from the rendered NetworkPolicies (both ends of each connection): the public
/// reaches only the gateway's 8080, administrators its 8081, the gateway only the APIs, and only the pods that
/// hold a connection string reach the data services.
/// </summary>
public sealed class NetworkPolicyTests
{
    private static readonly Dictionary<string, string> AdminAccess = new() { ["clientplatform.io/admin-access"] = "true" };

    public static TheoryData<string, string> Apis => new()
    {
        { Overlays.Dev, "registration-api" }, { Overlays.Dev, "admin-api" },
        { Overlays.Prod, "registration-api" }, { Overlays.Prod, "admin-api" },
    };

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Namespace_DefaultDeny_IsolatesEveryPodBothWays(string overlay)
    {
        Assert.Contains(Overlays.Get(overlay).All<V1NetworkPolicy>(), p =>
            p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.PodSelector.MatchExpressions is null or { Count: 0 }
            && p.Spec.PolicyTypes.Order().SequenceEqual(["Egress", "Ingress"])
            && p.Spec.Ingress is null or { Count: 0 } && p.Spec.Egress is null or { Count: 0 });
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Api_Ingress_OnlyFromTheGatewayOn8080(string overlay, string api)
    {
        var paths = new NetworkPaths(Overlays.Get(overlay));
        var target = paths.Pod(api);

        Assert.True(paths.CanConnect(paths.Pod("gateway"), target, 8080));
        Assert.False(paths.CanConnect(paths.Pod("gateway"), target, 8081));
        Assert.All(paths.Pods.Where(p => p.Name is not "gateway"), other => Assert.False(paths.CanConnect(other, target, 8080), $"{other} reaches {api}"));
        Assert.False(paths.CanConnect(NetworkPaths.Outside("203.0.113.7"), target, 8080));
        Assert.False(paths.CanConnect(NetworkPaths.Foreign("admin-tool", AdminAccess, AdminAccess), target, 8080));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void AuditWorker_Verification_ReachedOnlyByTheAdminApi(string overlay)
    {
        // Issue 31, item 5: the chain's key is the worker's alone, so the admin API asks it to verify the chain.
        var paths = new NetworkPaths(Overlays.Get(overlay));
        var worker = paths.Pod("audit-worker");

        Assert.True(paths.CanConnect(paths.Pod("admin-api"), worker, 8080));
        Assert.All(paths.Pods.Where(p => p.Name is not "admin-api"), other => Assert.False(paths.CanConnect(other, worker, 8080), $"{other} reaches the audit worker"));
        Assert.False(paths.CanConnect(NetworkPaths.Outside("203.0.113.7"), worker, 8080));
        Assert.NotNull(Overlays.Get(overlay).Named<V1Service>("audit-worker"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Gateway_PublicPort_IsOpenToAnyoneAndTheAdminPortOnlyToAdminAccess(string overlay)
    {
        var paths = new NetworkPaths(Overlays.Get(overlay));
        var gateway = paths.Pod("gateway");
        var anyone = NetworkPaths.Outside("203.0.113.7");

        Assert.True(paths.CanConnect(anyone, gateway, 8080));
        Assert.False(paths.CanConnect(anyone, gateway, 8081));
        Assert.False(paths.CanConnect(NetworkPaths.Foreign("some-app"), gateway, 8081));
        Assert.True(paths.CanConnect(NetworkPaths.Foreign("ops-shell", namespaceLabels: new Dictionary<string, string>(AdminAccess) { ["kubernetes.io/metadata.name"] = "ops" }), gateway, 8081));
        // A pod's own label is anyone's to set: it opens nothing without its namespace's.
        Assert.False(paths.CanConnect(NetworkPaths.Foreign("self-declared", labels: AdminAccess), gateway, 8081));
        // Our own workloads are not administrators.
        Assert.All(paths.Pods.Where(p => p.Name != "gateway"), pod => Assert.False(paths.CanConnect(pod, gateway, 8081), $"{pod} reaches the admin port"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Gateway_Egress_OnlyToTheApisAndDns(string overlay)
    {
        var paths = new NetworkPaths(Overlays.Get(overlay));
        var gateway = paths.Pod("gateway");

        Assert.True(paths.CanConnect(gateway, paths.Pod("registration-api"), 8080));
        Assert.True(paths.CanConnect(gateway, paths.Pod("admin-api"), 8080));
        Assert.True(paths.CanConnect(gateway, NetworkPaths.ClusterDns, 53, "UDP"));
        Assert.All(paths.Pods.Where(p => p.Name is not ("registration-api" or "admin-api")), other =>
            Assert.False(paths.CanConnect(gateway, other, 8080), $"gateway reaches {other}"));
        Assert.All(paths.AddressBlocks, block => Assert.False(paths.CanConnect(gateway, new Endpoint.Address(block.BaseAddress), 5432)));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void EveryPod_Egress_ResolvesNames_OnlyTheApisFetchAndOnlyFromPublicAddressesOverHttps(string overlay)
    {
        // Issue 32: the documents a client's metadata points at (an issuer's jwks_uri, a sector_identifier_uri) are
        // fetched by the APIs over HTTPS; issue 31: never from the platform's own network or the cloud's metadata service.
        var paths = new NetworkPaths(Overlays.Get(overlay));
        string[] fetchers = ["registration-api", "admin-api"];
        string[] privateAddresses = ["10.1.2.3", "172.20.0.5", "192.168.1.1", "127.0.0.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "fe80::1"];

        Assert.All(paths.Pods, pod =>
        {
            var fetches = fetchers.Contains(pod.Name);
            Assert.True(paths.CanConnect(pod, NetworkPaths.ClusterDns, 53, "UDP"), $"{pod} cannot resolve names");
            Assert.Equal(fetches, paths.CanConnect(pod, NetworkPaths.Outside("198.51.100.1"), 443));
            Assert.Equal(fetches, paths.CanConnect(pod, NetworkPaths.Outside("2001:db8::1"), 443));
            Assert.False(paths.CanConnect(pod, NetworkPaths.Outside("198.51.100.1"), 80), $"{pod} reaches the internet over plain HTTP");
            Assert.False(paths.CanConnect(pod, NetworkPaths.Outside("198.51.100.1"), 5432), $"{pod} reaches an arbitrary address");
            Assert.All(privateAddresses, address =>
                Assert.False(paths.CanConnect(pod, NetworkPaths.Outside(address), 443), $"{pod} reaches {address}:443"));
        });
    }

    [Fact]
    public void Prod_Telemetry_EveryPodExportsToTheCollectorAndReachesNothingElseThere()
    {
        var rendered = Overlays.Get(Overlays.Prod);
        var paths = new NetworkPaths(rendered);
        var observability = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "observability" };
        var collector = NetworkPaths.Foreign("collector", observability, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "opentelemetry-collector" });
        var neighbour = NetworkPaths.Foreign("grafana", observability, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "grafana" });

        Assert.All(paths.Pods, pod =>
        {
            Assert.True(paths.CanConnect(pod, collector, 4317), $"{pod} cannot reach the collector");
            Assert.False(paths.CanConnect(pod, neighbour, 4317), $"{pod} reaches another pod of the collector's namespace");
            Assert.False(paths.CanConnect(pod, collector, 8888), $"{pod} reaches the collector beyond OTLP");
        });
        Assert.All(rendered.Workloads, workload => Assert.Equal("otlp-endpoint",
            workload.Container(workload.Name).Env.Single(e => e.Name == "OTEL_EXPORTER_OTLP_ENDPOINT").ValueFrom.ConfigMapKeyRef.Key));
    }

    [Theory]
    [InlineData("postgres", 5432, new[] { "registration-api", "admin-api", "audit-worker", "migrate" })]
    [InlineData("redis", 6379, new[] { "registration-api", "admin-api" })]
    [InlineData("rabbitmq", 5672, new[] { "registration-api", "admin-api", "audit-worker" })]
    public void Dev_DataService_ReachedOnlyByItsClients(string server, int port, string[] clients)
    {
        var paths = new NetworkPaths(Overlays.Get(Overlays.Dev));
        var target = paths.Pod(server);

        Assert.All(clients, client => Assert.True(paths.CanConnect(paths.Pod(client), target, port), $"{client} cannot reach {server}"));
        Assert.All(paths.Pods.Where(p => !clients.Contains(p.Name)), other => Assert.False(paths.CanConnect(other, target, port), $"{other} reaches {server}"));
        Assert.False(paths.CanConnect(NetworkPaths.Outside("203.0.113.7"), target, port));
        Assert.False(paths.CanConnect(NetworkPaths.Foreign("some-app"), target, port));
    }

    [Theory]
    [InlineData(5432, new[] { "registration-api", "admin-api", "audit-worker", "migrate" })]
    [InlineData(6379, new[] { "registration-api", "admin-api" })]
    [InlineData(5672, new[] { "registration-api", "admin-api", "audit-worker" })]
    public void Prod_ManagedDataService_ReachedOnlyByItsClients(int port, string[] clients)
    {
        var paths = new NetworkPaths(Overlays.Get(Overlays.Prod));
        // The managed service's addresses: the blocks that some pod may reach on its port.
        var blocks = paths.AddressBlocks.Where(b => paths.Pods.Any(p => paths.CanConnect(p, new Endpoint.Address(b.BaseAddress), port))).ToList();

        var block = Assert.Single(blocks);
        var server = new Endpoint.Address(block.BaseAddress);
        Assert.All(clients, client => Assert.True(paths.CanConnect(paths.Pod(client), server, port), $"{client} cannot reach {block}:{port}"));
        Assert.All(paths.Pods.Where(p => !clients.Contains(p.Name)), other => Assert.False(paths.CanConnect(other, server, port), $"{other} reaches {block}:{port}"));
    }
}
