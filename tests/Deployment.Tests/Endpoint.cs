using System.Net;

namespace ClientPlatform.Deployment.Tests;

/// <summary>One end of a connection: a pod (in some namespace) or an address outside the cluster.</summary>
internal abstract record Endpoint
{
    public sealed record Pod(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> NamespaceLabels, bool InOurNamespace) : Endpoint
    {
        public override string ToString() => Name;
    }

    public sealed record Address(IPAddress Ip) : Endpoint
    {
        public override string ToString() => Ip.ToString();
    }
}
