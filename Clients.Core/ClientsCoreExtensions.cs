using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Caching;
using ClientPlatform.Clients.Core.RateLimiting;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ClientPlatform.Clients.Core;

public static class ClientsCoreExtensions
{
    /// <summary>The clients database (migrated once at start-up or by the migration job, gating /health) and the shared services.</summary>
    public static IHostApplicationBuilder AddClientsCore(this IHostApplicationBuilder builder)
    {
        // Where a cache exists (the APIs), every committed change of a client invalidates it.
        builder.AddPostgresDatabase<ClientsDbContext>(ResourceNames.ClientsDb, (services, options) =>
        {
            if (services.GetService<ClientCacheInvalidation>() is { } invalidation)
                options.AddInterceptors(invalidation);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<MigrationState>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<MigrationState>("migrations");
        return builder;
    }

    /// <summary>What both APIs stand on: the clients database, the cache, the broker and the audit trail.</summary>
    public static IHostApplicationBuilder AddClientsApi(this IHostApplicationBuilder builder)
    {
        builder.AddClientsCore();
        builder.AddRedisCache(ResourceNames.Cache);
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
        builder.Services.AddSingleton<Registration.ReferencedDocuments>();
        return builder;
    }
}
