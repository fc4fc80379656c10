using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;

namespace ClientPlatform.Admin.Api.Lifecycle;

/// <summary>
/// Secrets past their expiry taken out of their clients' credential sets, each with its <c>secret_expired</c> audit row
/// in the same transaction (issue 34: added, retired and expired are each audited). An expired secret stops working at
/// its expiry whatever this does (every check asks <see cref="ClientSecret.IsLiveAt"/>); this only records it and tidies
/// the set, in batches, on the lifecycle reaper's turn (<see cref="ClientReaper"/>).
/// </summary>
internal static class SecretExpiry
{
    /// <returns>How many secrets expired.</returns>
    public static async Task<int> SweepAsync(ClientsDbContext db, IAuditTrail audit, AuditActor actor, DateTimeOffset now, int batch,
        CancellationToken cancellation)
    {
        var expired = 0;
        while (true)
        {
            var (clients, secrets) = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => SweepBatchAsync(db, audit, actor, now, batch, cancellation));
            expired += secrets;
            if (clients < batch)
                return expired;
        }
    }

    private static async Task<(int Clients, int Secrets)> SweepBatchAsync(ClientsDbContext db, IAuditTrail audit, AuditActor actor, DateTimeOffset now,
        int batch, CancellationToken cancellation)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var clients = await db.Clients.Where(c => c.SecretsExpireAt <= now).OrderBy(c => c.SecretsExpireAt).Take(batch).ToListAsync(cancellation);
        var secrets = 0;
        foreach (var client in clients)
            foreach (var secret in ClientCredentials.RemoveExpired(client, now))
            {
                audit.Record(new AuditEntry(AuditActions.SecretExpired, actor, new AuditResource(AuditResourceTypes.Client, client.ClientId),
                    AuditOutcome.Ok(), SecretRotationAudit.Expired(secret)));
                secrets++;
            }
        try
        {
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A client changed at this moment (a rotation, an administrator): the next turn finds it as it now is.
            return (0, 0);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return (clients.Count, secrets);
    }
}
