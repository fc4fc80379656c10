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
    public void Gateway_Listeners_HttpsPublicOn8443_AdminOn8081_PlainHttpOn8080(string overlay)
    {
        var gateway = Overlays.Get(overlay).Workload("gateway").Container("gateway");

        // RFC 7591 §5: TLS for public and admin traffic; 8080 only redirects to it (and answers the kubelet's probes).
        Assert.Equal("https://*:8443", Env(gateway, "Kestrel__Endpoints__Https__Url"));
        Assert.Equal("https://*:8081", Env(gateway, "Kestrel__Endpoints__Admin__Url"));
        Assert.Equal("http://*:8080", Env(gateway, "Kestrel__Endpoints__Http__Url"));
        Assert.Equal("", Env(gateway, "ASPNETCORE_HTTP_PORTS"));
        Assert.Equal("8081", Env(gateway, "Gateway__AdminPort"));
        Assert.Equal("443", Env(gateway, "Gateway__PublicHttpsPort"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void GatewayServices_PublicOneServes443And80_AdminOneIsInternal(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var workload = rendered.Workload("gateway");
        var container = workload.Container("gateway");

        var gateway = rendered.Named<V1Service>("gateway");
        Assert.Equal(2, gateway.Spec.Ports.Count);
        var https = Assert.Single(gateway.Spec.Ports, p => p.Port == 443);
        Assert.Equal(8443, workload.ResolvePort(container, https.TargetPort));
        var http = Assert.Single(gateway.Spec.Ports, p => p.Port == 80);
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
