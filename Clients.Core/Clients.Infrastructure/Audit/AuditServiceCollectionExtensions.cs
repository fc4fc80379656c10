using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClientPlatform.Clients.Infrastructure.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit trail both APIs record through, and the outbox relay that publishes what they record.
    /// Needs <c>AddClientsDatabase()</c> and <c>AddRabbitMQBroker(ResourceNames.Messaging)</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAuditTrail, AuditTrail>();
        builder.Services.AddOptions<OutboxRelayOptions>()
            .BindConfiguration(OutboxRelayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddSingleton<DetachedAuditPublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DetachedAuditPublisher>());
        return builder;
    }
}
