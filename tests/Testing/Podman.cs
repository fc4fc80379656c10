using System.Diagnostics;

namespace ClientPlatform.Testing;

/// <summary>
/// The podman command as this project runs it: with deploy/podman/containers.conf (runc, no default ulimits), which
/// Debian's Podman needs on this kind of machine, and never a setting in /etc.
/// </summary>
public static class Podman
{
    public static string ConfigFile => Path.Combine(RepositoryRoot.Path, "deploy", "podman", "containers.conf");

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CONTAINERS_CONF"] = ConfigFile;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output) + (await error));
    }
}
