using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// Brings the schema up to date, safely when several processes try at once: each takes the same PostgreSQL
/// advisory lock first, so one migrates and the others then find the schema current.
/// </summary>
public sealed class SchemaMigrator(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Any fixed number works; this one spells "clientpl" and only has to differ from other advisory locks.
    private const long MigrationLockKey = 0x636c69656e74706c;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        // No statement limit here (a request's is seconds, Clients.Infrastructure DataClients): the lock waits for another migrator, and a
        // migration over a large table takes as long as it takes.
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection) { CommandTimeout = 0 })
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            db.Database.SetCommandTimeout(0);
            // EF asks a database that was never migrated for its history table, and logs that failed query as an Error
            // (a red line in the dashboard at every first start): the table is made first instead.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
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

    /// <summary>The migrations this build knows that the database has not applied.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        // Without a history table every migration is pending: asked anyway, EF would log the failed query as an Error.
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
            return [.. db.Database.GetMigrations()];
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }
}
