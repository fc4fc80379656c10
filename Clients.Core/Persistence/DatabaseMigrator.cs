using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// At start-up, either migrates (<see cref="DatabaseOptions.MigrateAtStart"/>) or waits for the migration job
/// to have done so. The service reports unhealthy until the schema is current, so no traffic reaches an old one.
/// </summary>
internal sealed class DatabaseMigrator(
    SchemaMigrator migrator, MigrationState state, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
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
                if (options.Value.MigrateAtStart)
                {
                    await migrator.MigrateAsync(stoppingToken);
                    state.Complete();
                    return;
                }
                var pending = await migrator.PendingAsync(stoppingToken);
                if (pending.Count == 0)
                {
                    Log.SchemaUpToDate(logger);
                    state.Complete();
                    return;
                }
                if (!waitingLogged)
                    Log.WaitingForMigrationJob(logger, pending.Count, string.Join(", ", pending), MigrationCommand.Name);
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
