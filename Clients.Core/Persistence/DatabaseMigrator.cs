using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// Applies pending migrations at start-up, safely when several replicas start at once: each takes the
/// same PostgreSQL advisory lock first, so one migrates and the others find the schema up to date.
/// The service reports unhealthy until this has finished, so no traffic reaches an old schema.
/// </summary>
internal sealed class DatabaseMigrator(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, MigrationState state, ILogger<DatabaseMigrator> logger)
    : BackgroundService
{
    // Any fixed number works; this one spells "clientpl" and only has to differ from other advisory locks.
    private const long MigrationLockKey = 0x636c69656e74706c;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MigrateAsync(stoppingToken);
                state.Complete();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                Log.DatabaseNotReachable(logger, e.Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                Log.SchemaUpToDate(logger);
                return;
            }
            await db.Database.MigrateAsync(cancellationToken);
            Log.MigrationsApplied(logger, pending.Count, string.Join(", ", pending));
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
