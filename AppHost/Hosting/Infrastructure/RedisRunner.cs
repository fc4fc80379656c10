namespace ClientPlatform.Hosting;

/// <summary>Redis from the Debian package, password-protected, on loopback (aspire-substitute.md §2.2).</summary>
internal sealed class RedisRunner(RedisResource redis) : IResourceRunner
{
    private string _binary = "";
    private string _directory = "";

    public TimeSpan StartupTimeout => TimeSpan.FromSeconds(20);

    public void Prepare(RunContext context)
    {
        _binary = Tools.RedisServer();
        _directory = context.PrepareServer(redis);
    }

    public async Task StartAsync(ResourceReplica replica, RunContext context, CancellationToken cancellationToken)
    {
        // Redis holds only what can be rebuilt (design.md §4), and runs without persistence: a restarted Redis
        // comes back empty, so no cache entry from before it stopped (perhaps missing an invalidation) returns.
        string[] persistence = ["--save", ""];
        replica.Process = await context.StartProcessAsync(replica, new ProcessSpec(_binary,
        [
            "--port", redis.Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory,
            "--requirepass", redis.Password, "--appendonly", "no", "--daemonize", "no", .. persistence,
        ])
        { WorkingDirectory = _directory });
    }

    public Task<bool> ProbeAsync(ResourceReplica replica, CancellationToken cancellationToken) =>
        Probes.RedisAsync(redis.ConnectionString, cancellationToken);
}
