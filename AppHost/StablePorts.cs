using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ClientPlatform.AppHost;

/// <summary>
/// Ports chosen once, when the AppHost starts, for the endpoints that others reach directly (no DCP proxy in front):
/// each replica (the gateway holds their addresses) and each server (every service holds its connection string). Left
/// to DCP, a port is allocated when the process is created, and a process started again (by the supervisor, or the
/// dashboard's Start) could come back on another port, one nobody sends to: seen under Aspire.Hosting.Testing.
/// </summary>
internal static class StablePorts
{
    private static readonly HashSet<int> Taken = [];

    /// <summary>A loopback port free now, and not handed out before by this AppHost.</summary>
    public static int Next()
    {
        lock (Taken)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Taken.Add(port))
                    return port;
            }
        }
    }

    /// <summary>A direct (unproxied) TCP endpoint on a port of its own for the AppHost's whole run.</summary>
    public static IResourceBuilder<T> WithStableEndpoint<T>(this IResourceBuilder<T> resource, string name, string scheme = "tcp")
        where T : IResourceWithEndpoints
    {
        var port = Next();
        return resource.WithEndpoint(name, endpoint =>
        {
            endpoint.UriScheme = scheme;
            endpoint.Port = port;
            endpoint.TargetPort = port;
            endpoint.IsProxied = false;
        }, createIfNotExists: true);
    }
}
