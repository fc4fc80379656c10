using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ClientPlatform.ServiceDefaults;

/// <summary>Stands in for Aspire.StackExchange.Redis, with its method name and behaviour.</summary>
public static class RedisExtensions
{
    private const int ConnectTimeoutMs = 2_000;
    private const int CommandTimeoutMs = 1_000;
    private const int ReconnectIntervalMs = 1_000;

    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ConnectionStrings.Require(builder, connectionName);

        var options = ConfigurationOptions.Parse(connectionString);
        // As Aspire: start even when Redis is away, and keep reconnecting in the background.
        options.AbortOnConnectFail = false;
        options.ClientName = builder.Environment.ApplicationName;
        // Redis holds only what can be rebuilt (design.md §4): while it is away a command must fail at once,
        // not wait in a backlog for the default 5 s, so callers fall back to PostgreSQL without a timeout each.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // And when it returns, be back within a second or two rather than after an exponential back-off.
        options.ReconnectRetryPolicy = new LinearRetry(ReconnectIntervalMs);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, ConnectTimeoutMs);
        options.SyncTimeout = Math.Min(options.SyncTimeout, CommandTimeoutMs);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, CommandTimeoutMs);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        // Without Redis the services still answer (from PostgreSQL, with per-replica rate limits): degraded, not down.
        builder.Services.AddHealthChecks().AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(), name: "redis",
            failureStatus: HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(2));
        return builder;
    }
}
