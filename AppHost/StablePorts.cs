using System.Net;
using System.Net.Sockets;

namespace ClientPlatform.AppHost;

/// <summary>
/// Ports chosen once, when the AppHost starts, for the endpoints that others reach directly (no DCP proxy in front):
/// each replica (the gateway holds their addresses) and each server (every service holds its connection string). Left
/// to DCP, a port is allocated when the process is created, and a process started again (by the supervisor, or the
/// dashboard's Start) could come back on another port, one nobody sends to: seen under Aspire.Hosting.Testing.
/// </summary>
/// <remarks>
/// The ports are taken below the kernel's ephemeral range. A port chosen there (bind to port 0) stays free only until
/// the process binds it, seconds later; meanwhile every outgoing connection on the machine takes its local port from
/// that same range, and one did: a broker's port mapper found its port held and RabbitMQ stopped with
/// <c>nodistribution</c> (CI). Below the range only a process that binds that very port can take it.
/// </remarks>
internal static class StablePorts
{
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private const int Below = 12_000; // how far under the ephemeral range ports are chosen
    private const int Attempts = 500;

    private static readonly HashSet<int> Taken = [];

    /// <summary>A loopback port free now, outside the ephemeral range, and not handed out before by this AppHost.</summary>
    public static int Next()
    {
        lock (Taken)
        {
            var first = EphemeralRangeStart();
            var floor = Math.Max(1024, first - Below);
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(floor, first);
                if (!Taken.Contains(port) && IsFree(port))
                {
                    Taken.Add(port);
                    return port;
                }
            }
            while (true)
            {
                // Every port below the range seems taken: an ephemeral one, as Aspire would have chosen.
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Taken.Add(port))
                    return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var bounds = File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(bounds[0], out var start) && start > 1024 ? start : 32768;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 32768; // Linux's default
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
