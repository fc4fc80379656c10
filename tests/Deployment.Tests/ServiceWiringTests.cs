using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// The names the gateway proxies to are Services that exist, select the right pods and reach their 8080; the
/// public and admin Services expose what they should and no more.
/// </summary>
public sealed class ServiceWiringTests
{
    public static TheoryData<string, string> Destinations => new()
    {
        { Overlays.Dev, "registration-api" }, { Overlays.Dev, "admin-api" },
        { Overlays.Prod, "registration-api" }, { Overlays.Prod, "admin-api" },
    };

    [Theory]
    [MemberData(nameof(Destinations))]
    public void GatewayDestination_Api_IsAServiceThatReachesTheApiOn8080(string overlay, string api)
    {
        var rendered = Overlays.Get(overlay);
        var gateway = rendered.Workload("gateway").Container("gateway");

        var destination = new Uri(Env(gateway, $"services__{api}__http__0"));
        Assert.Equal("http", destination.Scheme);
        // A short name resolves in the gateway's own namespace, where the Service is.
        var service = rendered.Named<V1Service>(destination.Host);
        Assert.Equal(api, service.Metadata.Name);
        Assert.True(service.Spec.Type is null or "ClusterIP");
        var port = Assert.Single(service.Spec.Ports, p => p.Port == destination.Port);
        var workload = rendered.Workload(api);
        Assert.True(service.Spec.Selector.Selects(workload.Labels), $"Service {api} does not select the {api} pods");
        Assert.All(rendered.Workloads.Where(w => w.Name != api), other => Assert.False(service.Spec.Selector.Selects(other.Labels)));
        Assert.Equal(8080, workload.ResolvePort(workload.Container(api), port.TargetPort));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Gateway_Listeners_PublicOn8080AndAdminOn8081(string overlay)
    {
        var gateway = Overlays.Get(overlay).Workload("gateway").Container("gateway");

        Assert.Equal("8080;8081", Env(gateway, "ASPNETCORE_HTTP_PORTS"));
        Assert.Equal("8081", Env(gateway, "Gateway__AdminPort"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void GatewayServices_PublicOneServesPort80AndAdminOneIsInternal(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var workload = rendered.Workload("gateway");
        var container = workload.Container("gateway");

        var gateway = rendered.Named<V1Service>("gateway");
        var http = Assert.Single(gateway.Spec.Ports);
        Assert.Equal(80, http.Port);
        Assert.Equal(8080, workload.ResolvePort(container, http.TargetPort));
        Assert.Equal(overlay == Overlays.Prod ? "LoadBalancer" : "ClusterIP", gateway.Spec.Type ?? "ClusterIP");

        var admin = rendered.Named<V1Service>("gateway-admin");
        var adminPort = Assert.Single(admin.Spec.Ports);
        Assert.Equal(8081, adminPort.Port);
        Assert.Equal(8081, workload.ResolvePort(container, adminPort.TargetPort));
        Assert.Equal("ClusterIP", admin.Spec.Type ?? "ClusterIP");
        Assert.True(gateway.Spec.Selector.Selects(workload.Labels) && admin.Spec.Selector.Selects(workload.Labels));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Services_NoneButTheGateway_IsReachableFromOutsideTheCluster(string overlay)
    {
        Assert.All(Overlays.Get(overlay).All<V1Service>().Where(s => s.Metadata.Name != "gateway"),
            s => Assert.True(s.Spec.Type is null or "ClusterIP", $"Service {s.Metadata.Name} is {s.Spec.Type}"));
    }

    [Fact]
    public void Prod_PublicService_KeepsTheCallersAddress()
    {
        // The gateway's rate limits and the audit log use the caller's address; a node's SNAT would hide it.
        Assert.Equal("Local", Overlays.Get(Overlays.Prod).Named<V1Service>("gateway").Spec.ExternalTrafficPolicy);
    }

    [Theory]
    [MemberData(nameof(Destinations))]
    public void Api_ForwardedHeaders_TrustOnlyThePodNetwork(string overlay, string api)
    {
        var rendered = Overlays.Get(overlay);
        var variable = Assert.Single(rendered.Workload(api).Container(api).Env, e => e.Name == "ForwardedHeaders__TrustedNetworks__0");

        var reference = variable.ValueFrom.ConfigMapKeyRef;
        var network = rendered.Named<V1ConfigMap>(reference.Name).Data[reference.Key];
        Assert.True(System.Net.IPNetwork.TryParse(network, out var parsed) && parsed.PrefixLength >= 8, $"'{network}' is not a CIDR of /8 or narrower");
    }

    internal static string Env(V1Container container, string name) =>
        Assert.Single(container.Env ?? [], e => e.Name == name).Value
        ?? throw new Xunit.Sdk.XunitException($"{container.Name}: {name} has no literal value");
}
