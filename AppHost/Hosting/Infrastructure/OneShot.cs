namespace ClientPlatform.Hosting;

/// <summary>A set-up command (initdb) that must finish with 0 before the server starts.</summary>
internal static class OneShot
{
    public static async Task RunAsync(
        ResourceReplica replica, RunContext context, ProcessSpec spec, string what, CancellationToken cancellationToken)
    {
        var process = await context.StartProcessAsync(replica, spec, $"{what}: ");
        await process.Exited.WaitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var tail = string.Join(" / ", replica.Log.Tail(5).Select(l => l.Text));
            throw new HostingException($"{what} for '{replica.DisplayName}' failed with exit code {process.ExitCode}: {tail}");
        }
    }
}
