using ClientPlatform.Clients.Core.Persistence;
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
internal sealed class SchemaWait(SchemaMigrator schema, MigrationState state, ILogger<SchemaWait> logger) : BackgroundService
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
}
