using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using Npgsql;

namespace ClientPlatform.Admin.Api.Lifecycle;

/// <summary>
/// Expired registered clients (<see cref="ClientLifecycle"/>) deleted or locked, each with its <c>client_expired</c> audit
/// row in the same transaction: by the reaper on its schedule and by <c>POST /admin/clients/reap</c>. One reaping at a
/// time across the admin replicas (a transaction-scoped advisory lock); batches of <see cref="LifecycleOptions.ReapBatch"/>
/// so that a backlog never holds one long transaction.
/// </summary>
internal static class ClientReaping
{
    /// <summary>The advisory lock one reaping holds (an arbitrary constant of this platform's, not shared with any other lock).</summary>
    private const long LockKey = 0x4C69_6665_6379_636C; // "Lifecycl"

    /// <summary>The stale clients at <paramref name="now"/>, oldest first, at most <paramref name="limit"/>: a dry run's list.</summary>
    public static async Task<(IReadOnlyList<ExpiredClient> Clients, int Total)> PreviewAsync(ClientsDbContext db, ClientLifecycle lifecycle,
        DateTimeOffset now, int limit, CancellationToken cancellation)
    {
        var stale = lifecycle.Stale(db.Clients.AsNoTracking(), db, now);
        var total = await stale.CountAsync(cancellation);
        var page = await WithLastUse(db, stale, limit).ToListAsync(cancellation);
        return ([.. page.Select(c => ExpiredClient.Of(c.Client, c.LastUsedAt, lifecycle))], total);
    }

    /// <summary>
    /// Reaps every client stale at <paramref name="now"/>, batch after batch, until none is left or
    /// <paramref name="until"/> (a request's share of its budget) has passed: <c>More</c> then says some are left. Null
    /// when another replica is reaping at this moment (its run takes these clients too).
    /// </summary>
    public static async Task<(IReadOnlyList<ExpiredClient> Reaped, bool More)?> ReapAsync(ClientsDbContext db, IAuditTrail audit,
        ClientLifecycle lifecycle, AuditActor actor, DateTimeOffset now, int batch, Func<bool>? until, CancellationToken cancellation)
    {
        var reaped = new List<ExpiredClient>();
        while (true)
        {
            if (until?.Invoke() is true)
                return (reaped, true);
            // The services' strategy retries a failed connection, so each batch's transaction runs inside it, and a retry
            // starts the batch over from a clean slate (its audit events of the failed attempt dropped with it).
            var (taken, busy) = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => ReapBatchAsync(db, audit, lifecycle, actor, now, batch, cancellation));
            if (busy)
                return reaped.Count == 0 ? null : (reaped, true);
            reaped.AddRange(taken);
            if (taken.Count < batch)
                return (reaped, false);
        }
    }

    private static async Task<(List<ExpiredClient> Taken, bool Busy)> ReapBatchAsync(ClientsDbContext db, IAuditTrail audit, ClientLifecycle lifecycle,
        AuditActor actor, DateTimeOffset now, int batch, CancellationToken cancellation)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellation))
            return ([], true);
        var found = await WithLastUse(db, lifecycle.Stale(db.Clients, db, now), batch).ToListAsync(cancellation);
        var taken = new List<ExpiredClient>(found.Count);
        foreach (var (client, lastUsedAt) in found.Select(f => (f.Client, f.LastUsedAt)))
        {
            var expired = ExpiredClient.Of(client, lastUsedAt, lifecycle);
            IReadOnlyList<AuditChange> changes =
            [
                new("reason", null, JsonSerializer.SerializeToElement(expired.Reason)),
                new("action", null, JsonSerializer.SerializeToElement(expired.Action)),
                new("last_used_at", null, JsonSerializer.SerializeToElement(expired.LastUsedAt)),
            ];
            if (expired.Action == ExpiredClient.Deleted)
            {
                db.Clients.Remove(client);
                changes = [.. changes, .. ClientMetadataJson.Changes(client.ToMetadata(), null)];
            }
            else
            {
                // Locked against its own RFC 7592 changes and kept for an administrator; a locked client is never stale again.
                client.UpdateLocked = client.DeleteLocked = true;
                client.UpdatedAt = now;
                changes = [.. changes, new("update_locked", JsonSerializer.SerializeToElement(false), JsonSerializer.SerializeToElement(true)),
                    new("delete_locked", JsonSerializer.SerializeToElement(false), JsonSerializer.SerializeToElement(true))];
            }
            audit.Record(new AuditEntry(AuditActions.ClientExpired, actor, new AuditResource(AuditResourceTypes.Client, client.ClientId),
                AuditOutcome.Ok(), changes));
            taken.Add(expired);
        }
        try
        {
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An administrator changed or deleted one of them at this moment: this batch is dropped, and the next run judges
            // them again as they now are.
            taken.Clear();
        }
        db.ChangeTracker.Clear();
        return (taken, false);
    }

    private static IQueryable<StaleRow> WithLastUse(ClientsDbContext db, IQueryable<Client> stale, int limit) =>
        stale.OrderBy(c => c.CreatedAt).ThenBy(c => c.ClientId).Take(limit)
            .Select(c => new StaleRow(c, db.ClientUsage.Where(u => u.ClientId == c.ClientId).Select(u => (DateTimeOffset?)u.LastUsedAt).FirstOrDefault()));

    private sealed record StaleRow(Client Client, DateTimeOffset? LastUsedAt);
}
