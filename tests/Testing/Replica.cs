using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ClientPlatform.Testing;

/// <summary>One running resource as the AppHost reports it: its state, its URL and the process that serves.</summary>
public sealed record Replica(string Name, string? State, string? Url, int? Pid)
{
    public static Replica Of(DistributedApplication app, string name)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(name, out var current))
            return new Replica(name, null, null, null);
        var snapshot = current.Snapshot;
        var pid = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int value => value,
            long value => (int)value,
            string text when int.TryParse(text, out var parsed) => parsed,
            _ => (int?)null,
        };
        // A replica has two endpoints: "http" (HTTP/1.1 and HTTP/2, what a user calls) and the
        // HTTP/2-only one the gateway uses; the replica's URL is the first.
        var url = snapshot.Urls.FirstOrDefault(u => !u.IsInternal && u.Name == "http")
            ?? snapshot.Urls.FirstOrDefault(u => !u.IsInternal);
        return new Replica(name, snapshot.State?.Text, url?.Url, pid is > 0 ? pid : null);
    }

    public bool Running => State == KnownResourceStates.Running;

    public void Kill()
    {
        if (Pid is { } pid)
            Native.Kill(pid, Native.SigKill);
    }
}
