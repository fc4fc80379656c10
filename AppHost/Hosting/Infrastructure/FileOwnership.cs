namespace ClientPlatform.Hosting;

internal static class FileOwnership
{
    /// <summary>Hands a server's folder to the user it runs as, after checking that user can reach it.</summary>
    public static async Task GiveAsync(string directory, string user, CancellationToken cancellationToken)
    {
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(directory)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (!File.GetUnixFileMode(parent).HasFlag(UnixFileMode.OtherExecute))
                throw new HostingException(
                    $"The folder '{parent}' cannot be entered by the '{user}' user that the server runs as (it refuses root): " +
                    "choose a state folder under a path others may enter, e.g. --state-dir /var/tmp/clientplatform.");
        }
        var chown = new System.Diagnostics.ProcessStartInfo("chown", ["-R", $"{user}:{user}", directory]) { RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(chown)!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new HostingException($"Could not give '{directory}' to the '{user}' user: {(await process.StandardError.ReadToEndAsync(cancellationToken)).Trim()}");
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
