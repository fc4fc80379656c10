using System.Diagnostics;

namespace ClientPlatform.AppHost;

/// <summary>How PostgreSQL, Redis and RabbitMQ run (setting <c>AppHost:Servers</c>, or <c>--servers</c>).</summary>
public enum ServerMode
{
    /// <summary>Aspire's container resources when a container runtime answers, else the Debian packages' servers.</summary>
    Auto,
    /// <summary>Aspire's container resources (their images: <see cref="ServerImages"/>), on Docker or Podman.</summary>
    Containers,
    /// <summary>The Debian packages' servers as Aspire executable resources, with data in the state folder.</summary>
    Executables,
}

internal static class ContainerRuntime
{
    public const string Setting = "ASPIRE_CONTAINER_RUNTIME";

    /// <summary>The runtime answers <c>info</c> within 5 s (a client alone, with no engine behind it, says so at once).</summary>
    public static bool Answers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return false;
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

    /// <summary>
    /// Auto: containers when the runtime Aspire is told to use (<c>ASPIRE_CONTAINER_RUNTIME</c>, docker by default, as
    /// Aspire's own default) answers, else executables; an installed Podman alone does not switch the mode, it is chosen
    /// with <c>ASPIRE_CONTAINER_RUNTIME=podman</c> or <c>--servers containers</c>. Containers: that runtime, or Podman when
    /// none is named and Docker does not answer.
    /// </summary>
    public static (ServerMode Mode, string? Runtime) Resolve(ServerMode mode, string? configured)
    {
        var named = string.IsNullOrEmpty(configured) ? "docker" : configured;
        return mode switch
        {
            ServerMode.Auto => Answers(named) ? (ServerMode.Containers, named) : (ServerMode.Executables, null),
            ServerMode.Containers when string.IsNullOrEmpty(configured) && !Answers("docker") && Answers("podman") => (ServerMode.Containers, "podman"),
            ServerMode.Containers => (ServerMode.Containers, named),
            _ => (mode, null),
        };
    }

    /// <summary>--fresh in container mode: the emptied state folder's data volumes go with it.</summary>
    public static void RemoveVolumes(string runtime, IEnumerable<string> volumes)
    {
        var start = new ProcessStartInfo(runtime) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "volume", "rm", "--force" }.Concat(volumes))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start);
        process?.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Aspire's orchestrator (DCP) runs the runtime's command line with the AppHost's environment: it is told which one,
    /// and Podman gets this checkout's deploy/podman/containers.conf (runc, no default ulimits) unless CONTAINERS_CONF
    /// names another, as every script of the project gives it.
    /// </summary>
    public static void Use(IDistributedApplicationBuilder builder, string runtime)
    {
        builder.Configuration[Setting] = runtime;
        var podmanSettings = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "deploy", "podman", "containers.conf"));
        if (runtime == "podman" && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CONTAINERS_CONF")) && File.Exists(podmanSettings))
            Environment.SetEnvironmentVariable("CONTAINERS_CONF", podmanSettings);
    }
}
