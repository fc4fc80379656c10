namespace ClientPlatform.Audit.Worker;

internal static class AuditWorkerExtensions
{
    public static WebApplicationBuilder AddAuditWorker(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditWorkerOptions>()
            .BindConfiguration(AuditWorkerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditLogWriter>();
        builder.Services.AddHostedService<AuditConsumer>();
        return builder;
    }
}
