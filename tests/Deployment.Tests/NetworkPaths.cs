using System.Net;
using k8s.Models;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// The NetworkPolicy rules of one namespace, evaluated as the API defines them: a pod selected by no policy of a
/// direction is open in that direction; a selected one accepts only what some rule of some selecting policy
/// allows. A connection between two pods needs the sender's egress and the receiver's ingress both to allow it.
/// Ports are compared as numbers (the manifests use numbers; a named port fails the test).
/// </summary>
internal sealed class NetworkPaths(RenderedOverlay overlay)
{
    private readonly IReadOnlyList<V1NetworkPolicy> policies = overlay.All<V1NetworkPolicy>().ToList();

    /// <summary>A pod of a workload of this overlay.</summary>
    public Endpoint.Pod Pod(string workload) =>
        new(workload, overlay.Workload(workload).Labels, overlay.NamespaceLabels, InOurNamespace: true);

    /// <summary>Every pod the overlay runs.</summary>
    public IEnumerable<Endpoint.Pod> Pods => overlay.Workloads.Select(w => Pod(w.Name));

    /// <summary>A pod elsewhere in the cluster, with the labels of its namespace and its own.</summary>
    public static Endpoint.Pod Foreign(string name, IReadOnlyDictionary<string, string>? namespaceLabels = null, IReadOnlyDictionary<string, string>? labels = null) =>
        new(name, labels ?? new Dictionary<string, string>(), namespaceLabels ?? new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "elsewhere" }, InOurNamespace: false);

    public static Endpoint.Pod ClusterDns { get; } = Foreign("kube-dns",
        new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "kube-system" },
        new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });

    public static Endpoint.Address Outside(string ip) => new(IPAddress.Parse(ip));

    /// <summary>Whether <paramref name="from"/> can open a connection to <paramref name="to"/> on the port.</summary>
    public bool CanConnect(Endpoint from, Endpoint to, int port, string protocol = "TCP") =>
        (from is not Endpoint.Pod { InOurNamespace: true } sender || EgressAllows(sender, to, port, protocol))
        && (to is not Endpoint.Pod { InOurNamespace: true } receiver || IngressAllows(receiver, from, port, protocol));

    private bool IngressAllows(Endpoint.Pod receiver, Endpoint from, int port, string protocol)
    {
        var selecting = Selecting(receiver, "Ingress").ToList();
        return selecting.Count == 0 || selecting.SelectMany(p => p.Spec.Ingress ?? [])
            .Any(rule => PortsAllow(rule.Ports, port, protocol) && PeersAllow(rule.FromProperty, from));
    }

    private bool EgressAllows(Endpoint.Pod sender, Endpoint to, int port, string protocol)
    {
        var selecting = Selecting(sender, "Egress").ToList();
        return selecting.Count == 0 || selecting.SelectMany(p => p.Spec.Egress ?? [])
            .Any(rule => PortsAllow(rule.Ports, port, protocol) && PeersAllow(rule.To, to));
    }

    private IEnumerable<V1NetworkPolicy> Selecting(Endpoint.Pod pod, string direction) =>
        policies.Where(p => p.Spec.PodSelector.Matches(pod.Labels) && Types(p).Contains(direction));

    /// <summary>policyTypes, or what the API defaults it to: Ingress always, Egress when there are egress rules.</summary>
    private static IList<string> Types(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes ?? (policy.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"]);

    private static bool PortsAllow(IList<V1NetworkPolicyPort>? ports, int port, string protocol) =>
        ports is null or { Count: 0 } || ports.Any(p =>
        {
            if (!int.TryParse(p.Port?.Value ?? "", out var number) && p.Port is not null)
                throw new Xunit.Sdk.XunitException($"named port '{p.Port.Value}' in a NetworkPolicy: use numbers, so reviews and these tests read them");
            return (p.Protocol ?? "TCP") == protocol
                && (p.Port is null || (port >= number && port <= (p.EndPort ?? number)));
        });

    private static bool PeersAllow(IList<V1NetworkPolicyPeer>? peers, Endpoint other) =>
        peers is null or { Count: 0 } || peers.Any(peer => PeerMatches(peer, other));

    private static bool PeerMatches(V1NetworkPolicyPeer peer, Endpoint other)
    {
        if (peer.IpBlock is { } block)
            return other is Endpoint.Address address && InBlock(block, address.Ip);
        if (other is not Endpoint.Pod pod)
            return false;
        var namespaceMatches = peer.NamespaceSelector is null ? pod.InOurNamespace : peer.NamespaceSelector.Matches(pod.NamespaceLabels);
        var podMatches = peer.PodSelector is null || peer.PodSelector.Matches(pod.Labels);
        return namespaceMatches && podMatches;
    }

    private static bool InBlock(V1IPBlock block, IPAddress ip) =>
        IPNetwork.Parse(block.Cidr).Contains(ip) && !(block.Except ?? []).Any(except => IPNetwork.Parse(except).Contains(ip));

    /// <summary>Every ipBlock the overlay's policies name.</summary>
    public IEnumerable<IPNetwork> AddressBlocks =>
        policies.SelectMany(p => (p.Spec.Egress ?? []).SelectMany(r => r.To ?? []).Concat((p.Spec.Ingress ?? []).SelectMany(r => r.FromProperty ?? [])))
            .Where(peer => peer.IpBlock is not null)
            .Select(peer => IPNetwork.Parse(peer.IpBlock.Cidr))
            .Distinct();
}
