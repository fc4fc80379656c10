using System.Diagnostics;

namespace ClientPlatform.AppHost;

/// <summary>How PostgreSQL, Redis and RabbitMQ run (setting <c>AppHost:Servers</c>, or <c>--servers</c>).</summary>
public enum ServerMode
{
    /// <summary>Aspire's container resources when a container runtime answers, else the Debian packages' servers.</summary>
    Auto,
    /// <summary>Aspire's container resources, unchanged (docker.io images).</summary>
    Containers,
    /// <summary>The Debian packages' servers as Aspire executable resources, with data in the state folder.</summary>
    Executables,
}

internal static class ContainerRuntime
{
    /// <summary>The runtime Aspire would use (its own setting, <c>ASPIRE_CONTAINER_RUNTIME</c>, else docker) answers.</summary>
    public static bool Answers(string? configured)
    {
        var runtime = string.IsNullOrEmpty(configured) ? "docker" : configured;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return false;
            // The client alone (this machine has one) answers at once that no engine runs.
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    public static ServerMode Resolve(ServerMode mode, string? configuredRuntime) => mode switch
    {
        ServerMode.Auto => Answers(configuredRuntime) ? ServerMode.Containers : ServerMode.Executables,
        _ => mode,
    };
}
