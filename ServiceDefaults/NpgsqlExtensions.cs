using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ClientPlatform.ServiceDefaults;

/// <summary>Stands in for Aspire.Npgsql.EntityFrameworkCore.PostgreSQL, with its method name and behaviour.</summary>
public static class NpgsqlExtensions
{
    private const int MaxRetries = 3;
    private const int CommandTimeoutSeconds = 30;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <param name="configure">More options for each context (Aspire's <c>configureDbContextOptions</c>), e.g. interceptors.</param>
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = ConnectionStrings.Require(builder, connectionName);

        // One pool for EF Core and for the raw SQL that EF cannot express (advisory locks, SKIP LOCKED).
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        // Retries ride out a failover or a dropped connection, but within a request's patience: EF's default
        // (6 tries, up to 30 s apart) would hold a caller for a minute while the database is down.
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options.UseNpgsql(
                services.GetRequiredService<NpgsqlDataSource>(),
                npgsql => npgsql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, null).CommandTimeout(CommandTimeoutSeconds));
            configure?.Invoke(services, options);
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(typeof(TContext).Name);
        if (builder.HasTelemetryExporter())
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddNpgsql())
                .WithMetrics(metrics => metrics.AddMeter("Npgsql"));
        return builder;
    }
}
