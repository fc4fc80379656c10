using System.Net;
using System.Net.Sockets;

namespace ClientPlatform.Hosting;

internal static class PortAllocator
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A port that is free now and not yet handed out in this process.</summary>
    public static int FreePort()
    {
        lock (Handed)
        {
            while (true)
            {
                using var socket = new TcpListener(IPAddress.Loopback, 0);
                socket.Start();
                var port = ((IPEndPoint)socket.LocalEndpoint).Port;
                if (Handed.Add(port))
                    return port;
            }
        }
    }

    /// <summary>A fixed port asked for by configuration must be free, or the run stops with one sentence.</summary>
    public static void EnsureFree(int port, string what)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new HostingException(
                $"Port {port} for the {what} is already in use: stop what uses it or choose another port (see README, Settings).");
        }
        lock (Handed)
            Handed.Add(port);
    }
}
