using Microsoft.Extensions.Options;
using ClientPlatform.Clients.Core.Lifecycle;
using ClientPlatform.Clients.Infrastructure.Lifecycle;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Caching;
using ClientPlatform.Clients.Infrastructure.Connections;
using ClientPlatform.Clients.Infrastructure.Persistence;
using ClientPlatform.Clients.Infrastructure.RateLimiting;
using ClientPlatform.Clients.Infrastructure.Redis;
using ClientPlatform.Clients.Infrastructure.Security;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ClientPlatform.Clients.Infrastructure;

public static class ClientsInfrastructureExtensions
{
    /// <summary>
    /// The clients database, with /health unhealthy until the migrator has brought its schema up to date
    /// (<see cref="SchemaWait"/>).
    /// </summary>
    public static IHostApplicationBuilder AddClientsDatabase(this IHostApplicationBuilder builder)
    {
        // Where a cache exists (the APIs), every committed change of a client invalidates it.
        builder.AddPostgresDatabase<ClientsDbContext>(ResourceNames.ClientsDb, (services, options) =>
        {
            if (services.GetService<ClientCacheInvalidation>() is { } invalidation)
                options.AddInterceptors(invalidation);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<MigrationState>();
        builder.Services.AddHostedService<SchemaWait>();
        builder.Services.AddHealthChecks().AddCheck<MigrationState>("migrations");
        return builder;
    }

    /// <summary>What both APIs stand on: the clients database, the cache, the broker and the audit trail.</summary>
    public static IHostApplicationBuilder AddClientsApi(this IHostApplicationBuilder builder)
    {
        builder.AddClientsDatabase();
        builder.AddRedisCache(ResourceNames.Cache);
        builder.Services.AddOptions<RedisCallOptions>().BindConfiguration(RedisCallOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RedisCircuit>();
        builder.Services.AddSingleton<CacheIntegrity>();
        builder.Services.AddSingleton<ClientCache>();
        builder.Services.AddSingleton<ClientCacheInvalidation>();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DistributedRateLimiter>();
        builder.Services.AddSingleton<RateLimitPermits>();
        builder.Services.AddSingleton<AuditSampler>();
        builder.Services.AddSingleton<FailedCredentialLimit>();
        builder.Services.AddSingleton<AccessDenials>();
        builder.Services.AddOptions<SecretRotationOptions>().BindConfiguration(SecretRotationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.AddRabbitMQBroker(ResourceNames.Messaging);
        builder.AddAuditTrail();
        builder.Services.AddScoped<AdminCredentials>();
        builder.Services.AddOptions<ClientMetadataOptions>().BindConfiguration(ClientMetadataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OutboundFetchOptions>().BindConfiguration(OutboundFetchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GuardedFetch>();
        builder.Services.AddOptions<SecretCheckOptions>().BindConfiguration(SecretCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SecretChecks>();
        builder.Services.AddSingleton<ReferencedDocuments>();
        builder.Services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new ClientLifecycle(services.GetRequiredService<IOptions<LifecycleOptions>>().Value));
        builder.Services.AddSingleton<ClientUseRecorder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClientUseRecorder>());
        return builder;
    }
}
