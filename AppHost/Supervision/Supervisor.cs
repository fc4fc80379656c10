using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.AppHost.Supervision;

/// <summary>
/// Restarts every resource the AppHost runs when its process exits without being asked to (a crash, an OOM kill, an
/// operator's <c>kill</c>), with back-off, and gives up loudly on a crash loop: Aspire has no restart policy for
/// executables and projects (issue 36), so this watches its resource events and uses its own start command, as the
/// dashboard's Start button does. Nothing is restarted while the AppHost stops (Ctrl+C, SIGTERM), nor what was
/// stopped from the dashboard, nor what runs once to completion (<see cref="SupervisionExtensions.RunsOnce"/>).
/// </summary>
internal sealed class Supervisor(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    SupervisionOptions options,
    TimeProvider time,
    ILogger<Supervisor> logger) : BackgroundService
{
    /// <summary>The dashboard's state for a resource given up on.</summary>
    public const string GaveUpState = "Crash loop: not restarted";

    private readonly Dictionary<string, Watched> _watched = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
            return;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var supervised = model.Resources.Where(IsSupervised).ToDictionary(r => r.Name);
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping.Token))
            {
                if (!supervised.TryGetValue(change.Resource.Name, out var resource))
                    continue;
                var watched = Watch(change.ResourceId);
                var state = change.Snapshot.State?.Text;
                var previous = watched.State;
                watched.State = state;
                if (state == previous)
                    continue;
                if (state == KnownResourceStates.Stopping)
                    watched.StoppedOnPurpose = true; // the dashboard's Stop (or the AppHost's own shutdown)
                else if (state is not null && !IsTerminal(state))
                    watched.StoppedOnPurpose = false;
                if (IsTerminal(state) && previous is not null && !IsTerminal(previous) && previous != KnownResourceStates.Stopping
                    && !watched.StoppedOnPurpose)
                {
                    if (watched.Restarting)
                        watched.ExitedWhileRestarting = true; // it died again before its restart was done: that one goes on
                    else
                        _ = RestartAsync(resource, change.ResourceId, watched, change.Snapshot.ExitCode, stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(IResource resource, string resourceId, Watched watched, int? exitCode, CancellationToken stopping)
    {
        watched.Restarting = true;
        try
        {
            // A start that fails counts as another exit: it is tried again with the next pause, until the window is full.
            while (!stopping.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                watched.Exits.Enqueue(now);
                while (watched.Exits.TryPeek(out var first) && now - first > options.Window)
                    watched.Exits.Dequeue();
                if (watched.Exits.Count > options.MaxRestarts)
                {
                    Log.GaveUp(logger, resourceId, watched.Exits.Count, options.Window.TotalSeconds, exitCode);
                    await notifications.PublishUpdateAsync(resource, resourceId, s => s with { State = new ResourceStateSnapshot(GaveUpState, KnownResourceStateStyles.Error) });
                    return;
                }
                var delay = options.DelayAfter(watched.Exits.Count);
                Log.Restarting(logger, resourceId, exitCode, delay.TotalSeconds, watched.Exits.Count, options.MaxRestarts);
                await Task.Delay(delay, time, stopping);
                watched.ExitedWhileRestarting = false;
                var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stopping);
                if (!result.Success)
                    Log.RestartFailed(logger, resourceId, result.Message ?? "no reason given");
                else if (!watched.ExitedWhileRestarting)
                    return;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            watched.Restarting = false;
        }
    }

    private Watched Watch(string resourceId)
    {
        if (!_watched.TryGetValue(resourceId, out var watched))
            _watched[resourceId] = watched = new Watched();
        return watched;
    }

    private static bool IsSupervised(IResource resource) =>
        resource is ProjectResource or ExecutableResource or ContainerResource && !resource.HasAnnotationOfType<RunsOnceAnnotation>();

    private static bool IsTerminal(string? state) =>
        state is not null && (KnownResourceStates.TerminalStates.Contains(state) || state == KnownResourceStates.FailedToStart);

    private sealed class Watched
    {
        public string? State { get; set; }
        public bool StoppedOnPurpose { get; set; }
        public volatile bool Restarting;
        public volatile bool ExitedWhileRestarting;
        public Queue<DateTimeOffset> Exits { get; } = new();
    }
}
