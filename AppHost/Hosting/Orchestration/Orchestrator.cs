using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Hosting;

/// <summary>
/// Starts every resource when what it waits for is healthy, watches its health, and stops
/// everything it started in reverse dependency order (aspire-substitute.md §4.4).
/// </summary>
internal sealed class Orchestrator : IAsyncDisposable
{
    private static readonly TimeSpan StartingProbeInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RunningProbeInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<Resource, IResourceRunner> _runners = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly RunContext _context;
    private bool _stopped;

    public Orchestrator(IReadOnlyList<Resource> resources, DistributedApplicationOptions options, IConfiguration configuration)
    {
        _context = new RunContext(options, configuration, resources, new PidFile(Path.Combine(options.StateDirectory, "pids")));
        foreach (var resource in resources)
        {
            if (RunnerFor(resource) is { } runner)
                _runners[resource] = runner;
        }
        Replicas = _runners.Keys
            .SelectMany(r => Enumerable.Range(0, r.Replicas).Select(i => new ResourceReplica(r, i)))
            .ToList();
    }

    public IReadOnlyList<ResourceReplica> Replicas { get; }

    public event Action<ResourceReplica>? Changed;

    public IEnumerable<ResourceReplica> ReplicasOf(Resource resource) => Replicas.Where(r => r.Resource == resource);

    public bool IsHealthy(Resource resource) => ReplicasOf(resource).All(r => r.IsHealthy);

    public bool HasFailed(Resource resource) => ReplicasOf(resource).Any(r => r.HasFailed);

    /// <summary>Checks tools, folders and ports, and ends what a killed earlier run left behind.</summary>
    public void Prepare()
    {
        StateFolder.Ensure(_context.Options);
        var orphans = _context.PidFile.SweepOrphans();
        if (orphans > 0)
            ConsoleOutput.Status($"stopped {orphans} process(es) left behind by an earlier run that did not stop cleanly");
        foreach (var (resource, runner) in _runners)
        {
            if (resource is PostgresServerResource { IsNeeded: false })
                continue;
            runner.Prepare(_context);
        }
    }

    public void Start()
    {
        foreach (var replica in Replicas)
        {
            replica.Changed += r => Changed?.Invoke(r);
            if (replica.Resource is PostgresServerResource { IsNeeded: false })
            {
                replica.Set(ResourceStates.Unused, "every database on it is configured with a connection string");
                continue;
            }
            _loops.Add(Task.Run(() => RunAsync(replica)));
        }
    }

    private async Task RunAsync(ResourceReplica replica)
    {
        var runner = _runners[replica.Resource];
        var token = _stopping.Token;
        try
        {
            replica.Set(ResourceStates.Waiting);
            foreach (var dependency in replica.Resource.WaitsFor)
            {
                while (!IsHealthy(dependency))
                {
                    if (HasFailed(dependency))
                    {
                        replica.Set(ResourceStates.FailedToStart, $"'{dependency.Name}', which it waits for, failed to start");
                        return;
                    }
                    await Task.Delay(100, token);
                }
            }
            replica.Set(ResourceStates.Starting);
            await runner.StartAsync(replica, _context, token);
            replica.Set(ResourceStates.Running, IsExternal(replica.Resource) ? "external: configured by connection string" : null);
            await MonitorAsync(replica, runner, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            replica.Set(ResourceStates.FailedToStart, e is HostingException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task MonitorAsync(ResourceReplica replica, IResourceRunner runner, CancellationToken token)
    {
        var deadline = DateTimeOffset.UtcNow + runner.StartupTimeout;
        var exited = replica.Process?.Exited ?? Task.Delay(Timeout.Infinite, token);
        while (true)
        {
            if (replica.Process is { HasExited: true } process)
            {
                replica.Set(ResourceStates.Exited, $"exit code {process.ExitCode}");
                return;
            }
            var healthy = await runner.ProbeAsync(replica, token);
            if (healthy && !replica.WasHealthy)
                await runner.OnFirstHealthyAsync(replica, token);
            if (replica.Process is { HasExited: true })
                continue;
            if (healthy || replica.WasHealthy)
                replica.SetHealth(healthy);
            else if (DateTimeOffset.UtcNow > deadline)
                replica.SetHealth(false, $"not healthy {runner.StartupTimeout.TotalSeconds:0} s after start");
            var interval = replica.WasHealthy ? RunningProbeInterval : StartingProbeInterval;
            await Task.WhenAny(Task.Delay(interval, token), exited);
            token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Stops everything in reverse dependency order: the gateway first, the servers last.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).ContinueWith(_ => { });
        foreach (var level in Replicas.GroupBy(r => DependencyDepth(r.Resource)).OrderByDescending(g => g.Key))
            await Task.WhenAll(level.Select(StopReplicaAsync));
        foreach (var disposable in _runners.Values.OfType<IAsyncDisposable>())
            await disposable.DisposeAsync();
        _context.PidFile.Clear();
    }

    private async Task StopReplicaAsync(ResourceReplica replica)
    {
        if (replica.Process is not { } process)
        {
            if (replica.State is ResourceStates.Waiting or ResourceStates.Starting or ResourceStates.Running)
                replica.Set(ResourceStates.NotStarted);
            return;
        }
        if (!process.HasExited)
            replica.Set(ResourceStates.Stopping);
        await process.StopAsync(_context.Options.StopGracePeriod);
        foreach (var helper in replica.Helpers)
            await helper.StopAsync(_context.Options.StopGracePeriod);
        replica.Set(ResourceStates.Exited, $"exit code {process.ExitCode}");
    }

    /// <summary>For fault tests: kills one replica's process group outright.</summary>
    public void Kill(ResourceReplica replica) => replica.Process?.Kill();

    /// <summary>Stops one replica as a shutdown would (its dependents are left running).</summary>
    public Task StopReplicaOnlyAsync(ResourceReplica replica) => StopReplicaAsync(replica);

    /// <summary>Starts a stopped or exited replica again, on the same port with the same environment.</summary>
    public async Task StartAgainAsync(ResourceReplica replica)
    {
        if (replica.Process is { HasExited: false })
            await StopReplicaAsync(replica);
        replica.ResetForRestart();
        _loops.Add(Task.Run(() => RunAsync(replica)));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    private static int DependencyDepth(Resource resource) =>
        resource.WaitsFor.Concat(resource.References).Select(d => DependencyDepth(d) + 1).DefaultIfEmpty(0).Max();

    private static bool IsExternal(Resource resource) => resource switch
    {
        ServerResource server => server.IsExternal,
        PostgresDatabaseResource database => database.ExternalConnectionString is not null,
        _ => false,
    };

    private IResourceRunner? RunnerFor(Resource resource) => resource switch
    {
        PostgresServerResource postgres => new PostgresRunner(postgres),
        PostgresDatabaseResource database => new ConnectionRunner(database),
        ServerResource { IsExternal: true } server => new ConnectionRunner((IResourceWithConnectionString)server),
        RedisResource redis => new RedisRunner(redis),
        RabbitMQServerResource broker => new RabbitMQRunner(broker),
        ProjectResource project => new ProjectRunner(project, _http),
        _ => null, // parameters have no process
    };
}
