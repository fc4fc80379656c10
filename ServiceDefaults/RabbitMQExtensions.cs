using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using RabbitMQ.Client;

namespace ClientPlatform.ServiceDefaults;

/// <summary>Stands in for Aspire.RabbitMQ.Client, with its method name and behaviour.</summary>
public static class RabbitMQExtensions
{
    public static IHostApplicationBuilder AddRabbitMQClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ConnectionStrings.Require(builder, connectionName);
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new MissingSettingException($"ConnectionStrings:{connectionName} must be an amqp:// URI.");

        builder.Services.AddSingleton<IConnectionFactory>(new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = builder.Environment.ApplicationName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        });
        builder.Services.AddSingleton<RabbitMQConnectionProvider>();
        // Aspire registers IConnection itself: resolving it connects, retrying while the broker starts.
        builder.Services.AddSingleton(services =>
            services.GetRequiredService<RabbitMQConnectionProvider>().GetWithRetryAsync(CancellationToken.None).GetAwaiter().GetResult());
        // Degraded, not unhealthy: audit events wait in the outbox while the broker is away (design.md §4),
        // so a broker outage must not take the APIs out of the gateway's rotation.
        builder.Services.AddHealthChecks().AddCheck<RabbitMQHealthCheck>("rabbitmq", failureStatus: HealthStatus.Degraded);
        if (builder.HasTelemetryExporter())
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("RabbitMQ.Client.*"));
        return builder;
    }
}
