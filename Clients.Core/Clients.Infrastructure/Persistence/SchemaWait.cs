using ClientPlatform.Clients.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.Clients.Infrastructure.Persistence;

/// <summary>
/// A service never changes the schema (design.md §6): the migrator does, once, before any replica starts (the AppHost's
/// <c>migrate</c> resource, a Kubernetes Job, a compose service run to completion). Until the schema is the one this
/// build knows, for instance while a rolling update's migrator still runs, the service waits and reports unhealthy,
/// so no traffic reaches it.
/// </summary>
internal sealed class SchemaWait(SchemaMigrator schema, MigrationState state, IServiceScopeFactory scopes, ILogger<SchemaWait> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waitingLogged = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pending = await schema.PendingAsync(stoppingToken);
                if (pending.Count == 0)
                {
                    await WarmUpAsync(stoppingToken);
                    state.Complete();
                    Log.SchemaCurrent(logger);
                    return;
                }
                if (!waitingLogged)
                    Log.WaitingForMigrator(logger, pending.Count, string.Join(", ", pending));
                waitingLogged = true;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                Log.DatabaseNotReachable(logger, e.Message, RetryDelay.TotalSeconds);
            }
            await Task.Delay(RetryDelay, stoppingToken);
        }
    }

    /// <summary>
    /// EF builds its model and query pipeline at a context's first query: left to the first requests of a new process,
    /// that is their cost, on a busy 2-core host seconds against a request budget of a few (a replica started again while
    /// RabbitMQ was frozen answered its first register and update 503, where the other replica answered in milliseconds).
    /// Done here instead, before the health check lets traffic in. Its failure costs nothing but the warm-up.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            await db.Clients.AsNoTracking().Where(c => c.ClientId == "").Select(c => c.ClientId).FirstOrDefaultAsync(stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            Log.WarmUpSkipped(logger, e.Message);
        }
    }
}
