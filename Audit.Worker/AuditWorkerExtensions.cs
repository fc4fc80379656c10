using Microsoft.Extensions.Options;

namespace ClientPlatform.Audit.Worker;

internal static class AuditWorkerExtensions
{
    public static WebApplicationBuilder AddAuditWorker(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditWorkerOptions>()
            .BindConfiguration(AuditWorkerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The chain's keys: this process alone is given them (design.md §3).
        builder.Services.AddOptions<AuditChainOptions>()
            .BindConfiguration(AuditChainOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<AuditChainOptions>>().Value.ToKeys());
        builder.Services.AddScoped<AuditChainVerifier>();
        builder.Services.AddSingleton<ChainHeadTracker>();
        builder.Services.AddHostedService<AuditCheckpointWriter>();
        builder.Services.AddSingleton<AuditLogWriter>();
        builder.Services.AddHostedService<AuditConsumer>();
        return builder;
    }
}
