namespace ClientPlatform.Hosting;

/// <summary>How one kind of resource is checked, started, probed and stopped.</summary>
internal interface IResourceRunner
{
    /// <summary>
    /// Before anything starts: finds the tools it needs and allocates ports. Throws
    /// <see cref="HostingException"/> with one sentence when something is missing.
    /// </summary>
    void Prepare(RunContext context);

    /// <summary>Starts the replica's process(es); returns when they are launched, not when ready.</summary>
    Task StartAsync(ResourceReplica replica, RunContext context, CancellationToken cancellationToken);

    /// <summary>True when the replica answers as it should (a query, a PING, a 200 from /health).</summary>
    Task<bool> ProbeAsync(ResourceReplica replica, CancellationToken cancellationToken);

    /// <summary>Runs once, the first time the replica is healthy, before it is reported healthy.</summary>
    Task OnFirstHealthyAsync(ResourceReplica replica, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>How long a start may take before the replica is called unhealthy.</summary>
    TimeSpan StartupTimeout { get; }
}
