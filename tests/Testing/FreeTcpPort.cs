using System.Net;
using System.Net.Sockets;

namespace ClientPlatform.Testing;

public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A free port for the AppHost's dashboard whose next port is free too: the dashboard's OTLP endpoint takes
    /// it (AppHostSettings.OtlpPort), and the AppHost refuses to start when it is in use.
    /// </summary>
    public static int NextForDashboard()
    {
        while (true)
        {
            using var dashboard = new TcpListener(IPAddress.Loopback, 0);
            dashboard.Start();
            var port = ((IPEndPoint)dashboard.LocalEndpoint).Port;
            if (port >= ushort.MaxValue)
                continue;
            try
            {
                using var otlp = new TcpListener(IPAddress.Loopback, port + 1);
                otlp.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another pair
            }
        }
    }
}
