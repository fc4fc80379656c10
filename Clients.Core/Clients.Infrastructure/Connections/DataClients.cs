using System.Data.Common;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace ClientPlatform.Clients.Infrastructure.Connections;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ through Aspire's client integrations (connection, pooling, health check,
/// tracing and metrics are theirs). What is ours is the policy on top: a clear start-up error when a
/// connection string is missing, retries bounded to a request's patience, and Redis and the broker reported
/// as degraded rather than down, because the services keep answering without them (design.md §4).
/// </summary>
public static class DataClients
{
    // EF's default (Aspire's): 6 tries up to 30 s apart, which holds a caller for a minute while the database is down.
    // None after a timeout (RetryUnlessTimedOutStrategy).
    private const int DatabaseMaxRetries = 3;
    private static readonly TimeSpan DatabaseMaxRetryDelay = TimeSpan.FromSeconds(1);

    // Statements each pooled connection keeps prepared (Npgsql's automatic preparation; 0, its default, is off).
    private const int DatabaseAutoPreparedStatements = 64;

    // How long opening a connection may take (Npgsql's Timeout, 15 s by default): a frozen server accepts the TCP
    // connection and never answers, and Npgsql does not give up an opening connection when its caller cancels. Bounded,
    // a request's budget (RequestBudget) ends in a 503 rather than an open that outlasts it.
    private const int DatabaseConnectTimeoutSeconds = 3;

    // How long a statement may go unanswered (Npgsql's Command Timeout, 30 s by default). Against a frozen server,
    // Npgsql ignores a cancelled token (measured: a 2 s token, answered when the server woke 17.6 s later), but its own
    // command timeout does end the wait (5 s + about 6 s to give up on the cancel request). No statement of the services
    // runs near this: the slowest, a search over 100,000 clients, takes milliseconds; a long read is timed per read.
    private const int DatabaseCommandTimeoutSeconds = 5;
    private const string DatabaseCustomPlans = "-c plan_cache_mode=force_custom_plan";

    private const int RedisConnectTimeoutMs = 2_000;
    private const int RedisCommandTimeoutMs = 1_000;
    private const int RedisReconnectIntervalMs = 1_000;
    private static readonly TimeSpan BrokerConnectTimeout = TimeSpan.FromSeconds(5);
    private const int BrokerConnectRetries = 3;

    /// <summary>
    /// <c>AddNpgsqlDbContext</c> (pooled contexts, EF's health check) and <c>AddNpgsqlDataSource</c> for the raw
    /// SQL that EF cannot express (advisory locks, LISTEN/NOTIFY, SKIP LOCKED), on the same connection string.
    /// </summary>
    /// <param name="configure">More options for each context, with the services (e.g. interceptors).</param>
    public static IHostApplicationBuilder AddPostgresDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null) where TContext : DbContext
    {
        ConnectionStrings.Require(builder, connectionName);
        var telemetry = builder.HasTelemetryExporter();
        // The database's health check is the data source's, not EF's: a check that outlives its time limit
        // (BoundedHealthChecks) must not hold a pooled DbContext, whose scope then fails to close its connection.
        builder.AddNpgsqlDbContext<TContext>(connectionName, settings =>
        {
            settings.ConnectionString = WithServiceDefaults(settings.ConnectionString);
            settings.DisableHealthChecks = true;
            settings.DisableRetry = true; // bounded below instead
            settings.DisableTracing = !telemetry;
            settings.DisableMetrics = !telemetry;
        });
        builder.Services.ConfigureDbContext<TContext>((services, options) =>
        {
            options.UseNpgsql(npgsql => npgsql.ExecutionStrategy(dependencies => new RetryUnlessTimedOutStrategy(dependencies, DatabaseMaxRetries, DatabaseMaxRetryDelay)));
            configure?.Invoke(services, options);
        });
        builder.AddNpgsqlDataSource(connectionName, settings =>
        {
            settings.ConnectionString = WithServiceDefaults(settings.ConnectionString);
            settings.DisableTracing = !telemetry;
            settings.DisableMetrics = !telemetry;
        });
        return builder;
    }

    /// <summary>
    /// The connection string with this platform's defaults, each only where the string does not set it:
    /// <list type="bullet">
    /// <item>Statements that a connection runs again and again (an admin page, a client's row, an outbox claim) are
    /// prepared once per pooled connection (Npgsql's automatic preparation), so PostgreSQL parses and analyses each
    /// once, not at every run: with planning, that was a quarter of its CPU on the admin list (perf, issue 13).</item>
    /// <item>Custom plans (see below).</item>
    /// <item>A bounded connection open and statement (<see cref="DatabaseConnectTimeoutSeconds"/>, <see cref="DatabaseCommandTimeoutSeconds"/>).</item>
    /// </list>
    /// </summary>
    private static string? WithServiceDefaults(string? connectionString)
    {
        if (connectionString is null)
            return null;
        // The keys as written ("Max Auto Prepare" or "MaxAutoPrepare"): Npgsql's own builder knows every key as set.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(string key) => given.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals(key, StringComparison.OrdinalIgnoreCase));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = DatabaseAutoPreparedStatements;
            // Prepared, a statement is planned afresh for its first five runs and may then keep one generic plan for
            // any parameters. For a search that plan cannot know how rare the text is: it walked the newest-first index
            // through all 100,000 clients for one hit (AdminBench: 26 searches/s against 326). Custom plans keep each
            // search on its trigram indexes; the parse is still saved. A plan_cache_mode of one's own is kept.
            if (builder.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
                builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? DatabaseCustomPlans : $"{builder.Options} {DatabaseCustomPlans}";
        }
        if (!Sets(nameof(NpgsqlConnectionStringBuilder.Timeout)))
            builder.Timeout = DatabaseConnectTimeoutSeconds;
        if (!Sets(nameof(NpgsqlConnectionStringBuilder.CommandTimeout)))
            builder.CommandTimeout = DatabaseCommandTimeoutSeconds;
        return builder.ConnectionString;
    }

    /// <summary><c>AddRedisClient</c>, failing fast while Redis is away (it holds only what can be rebuilt).</summary>
    public static IHostApplicationBuilder AddRedisCache(this IHostApplicationBuilder builder, string connectionName)
    {
        ConnectionStrings.Require(builder, connectionName);
        builder.AddRedisClient(connectionName, settings => settings.DisableTracing = !builder.HasTelemetryExporter(), options =>
        {
            options.AbortOnConnectFail = false;
            options.ClientName = builder.Environment.ApplicationName;
            // Completions on the .NET thread pool rather than on the client's own reader thread: on this platform's
            // hosts (2 cores, paravirtualised) each hand-off between threads costs more than the command itself; it
            // took a cached read from 3 to 2 context switches and 12–35 % of the replica's CPU (issue 13).
            options.SocketManager = SocketManager.ThreadPool;
            // While Redis is away a command must fail at once, not wait in a backlog for the default 5 s, so that
            // callers fall back to PostgreSQL without a timeout each; and when it returns, be back within a second
            // or two rather than after an exponential back-off.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ReconnectRetryPolicy = new LinearRetry(RedisReconnectIntervalMs);
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, RedisConnectTimeoutMs);
            options.SyncTimeout = Math.Min(options.SyncTimeout, RedisCommandTimeoutMs);
            options.AsyncTimeout = Math.Min(options.AsyncTimeout, RedisCommandTimeoutMs);
        });
        // Without Redis the services still answer (from PostgreSQL, with per-replica rate limits): degraded, not down.
        builder.DegradedWhenFailing(HealthCheckNames.Redis, HealthBudget.Degrading);
        return builder;
    }

    /// <summary>
    /// <c>AddRabbitMQClient</c>: one connection per process, made on first use through <see cref="BrokerConnection"/>
    /// (not at start: a service starts and answers while the broker is still starting or away), then kept by the
    /// client's automatic recovery across broker restarts.
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMQBroker(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ConnectionStrings.Require(builder, connectionName);
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new MissingSettingException($"ConnectionStrings:{connectionName} must be an amqp:// URI.");
        builder.AddRabbitMQClient(connectionName, settings =>
        {
            settings.DisableTracing = !builder.HasTelemetryExporter();
            settings.DisableAutoActivation = true;
            // Aspire waits 2, 4, 8… s between tries; three tries bound a first use to about 14 s.
            settings.MaxConnectRetryCount = BrokerConnectRetries;
        }, factory =>
        {
            factory.ClientProvidedName = builder.Environment.ApplicationName;
            factory.AutomaticRecoveryEnabled = true;
            factory.TopologyRecoveryEnabled = true;
            factory.RequestedConnectionTimeout = BrokerConnectTimeout;
        });
        // Audit events wait in the outbox while the broker is away (design.md §4), so an outage must not take the
        // APIs out of the gateway's rotation.
        builder.Services.AddSingleton<BrokerConnection>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BrokerConnection>());
        builder.DegradedWhenFailing(HealthCheckNames.RabbitMQ, HealthBudget.Degrading);
        return builder;
    }

    private static void DegradedWhenFailing(this IHostApplicationBuilder builder, string check, TimeSpan timeout) =>
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name == check))
            {
                registration.FailureStatus = HealthStatus.Degraded;
                registration.Timeout = timeout;
            }
        });
}
