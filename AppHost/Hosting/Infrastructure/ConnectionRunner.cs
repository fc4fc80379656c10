namespace ClientPlatform.Hosting;

/// <summary>
/// A resource with no process of its own: a database on a server the AppHost runs, or any server
/// configured by connection string. It is probed with its connection string, nothing more.
/// </summary>
internal sealed class ConnectionRunner(IResourceWithConnectionString resource) : IResourceRunner
{
    public TimeSpan StartupTimeout => TimeSpan.FromSeconds(30);

    public void Prepare(RunContext context)
    {
    }

    public Task StartAsync(ResourceReplica replica, RunContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> ProbeAsync(ResourceReplica replica, CancellationToken cancellationToken) => (object)resource switch
    {
        PostgresDatabaseResource or PostgresServerResource => Probes.PostgresAsync(resource.ConnectionString, cancellationToken),
        RedisResource => Probes.RedisAsync(resource.ConnectionString, cancellationToken),
        RabbitMQServerResource => Probes.AmqpAsync(resource.ConnectionString, cancellationToken),
        _ => Task.FromResult(true),
    };
}
