using ClientPlatform.Clients.Core.Admin;
using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ClientPlatform.Clients.Core;

public static class ClientsCoreExtensions
{
    /// <summary>The clients database (migrated once at start-up, gating /health) and the shared services.</summary>
    public static IHostApplicationBuilder AddClientsCore(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ClientsDbContext>(ResourceNames.ClientsDb);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MigrationState>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<MigrationState>("migrations");
        return builder;
    }

    /// <summary>What both APIs stand on: the clients database, the cache, the broker and the audit trail.</summary>
    public static IHostApplicationBuilder AddClientsApi(this IHostApplicationBuilder builder)
    {
        builder.AddClientsCore();
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        builder.AddAuditTrail();
        builder.Services.AddScoped<AdminCredentials>();
        return builder;
    }
}
