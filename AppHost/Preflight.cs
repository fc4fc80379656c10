using System.Net;
using System.Net.Sockets;

namespace ClientPlatform.AppHost;

/// <summary>
/// What the operator can fix, checked before anything starts, so that it ends the run in one sentence: a fixed
/// port already taken (DCP would otherwise start everything else and leave one resource failed), or a Debian
/// package missing for a server the AppHost is to run itself.
/// </summary>
internal static class Preflight
{
    public static void PortsAreFree(AppHostSettings settings)
    {
        if (settings.GatewayPort != 0)
            PortIsFree(settings.GatewayPort, "the 'gateway' endpoint", "--gateway-port");
        if (settings.GatewayAdminPort is > 0 and var adminPort)
            PortIsFree(adminPort, "the gateway's admin listener", "--gateway-admin-port");
        if (settings.DashboardPort != 0)
        {
            PortIsFree(settings.DashboardPort, "the dashboard", "--dashboard-port");
            PortIsFree(settings.OtlpPort, "the dashboard's OTLP endpoint", "--dashboard-port");
        }
    }

    public enum Server { Postgres, Redis, RabbitMQ }

    /// <summary>The server's Debian package, for a server that runs as an executable here.</summary>
    public static void IsInstalled(Server server)
    {
        var (what, package, found) = server switch
        {
            Server.Postgres => ("PostgreSQL server", "postgresql", PostgresBin() is not null),
            Server.Redis => ("Redis server", "redis-server", File.Exists("/usr/bin/redis-server") || OnPath("redis-server")),
            _ => ("RabbitMQ server", "rabbitmq-server", File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server")),
        };
        if (!found)
            throw new AppHostException(
                $"The {what} binary was not found: install it with 'apt-get install -y {package}', run ./run.sh which installs it, " +
                "or name an existing server with its connection string (ConnectionStrings__…).");
    }

    private static void PortIsFree(int port, string what, string option)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new AppHostException($"Port {port} for {what} is already in use: stop what holds it, or choose another with {option}.");
        }
    }

    private static string? PostgresBin() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "postgres")))
        : null;

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
