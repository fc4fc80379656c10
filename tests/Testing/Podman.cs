namespace ClientPlatform.Testing;

/// <summary>
/// The podman command as this project runs it: with deploy/podman/containers.conf (runc, no default ulimits), which
/// Debian's Podman needs on this kind of machine, and never a setting in /etc.
/// </summary>
public static class Podman
{
    public static string ConfigFile => Path.Combine(RepositoryRoot.Path, "deploy", "podman", "containers.conf");

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        ExternalCommand.RunAsync("podman", arguments, new Dictionary<string, string> { ["CONTAINERS_CONF"] = ConfigFile });
}
