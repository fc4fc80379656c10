using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Registration.Api;

/// <summary>A registration made with an initial access token: the client, its audit events and the token's use commit together.</summary>
internal static class InitialAccessUse
{
    /// <returns>False when the token had no use left by the time this registration took its row lock.</returns>
    public static async Task<bool> CommitAsync(
        ClientsDbContext db, IAuditTrail audit, InitialAccessToken grant, string clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resource = new AuditResource(AuditResourceTypes.InitialAccessToken, grant.Id);
        var actor = AuditActor.ForClient(clientId);
        var recorded = new List<Guid>();
        // The request paths' strategy retries a failed connection, so the transaction runs inside it, and a retry
        // starts it over: the token's events of a failed attempt are dropped, and its rolled-back use taken again.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            foreach (var stale in db.ChangeTracker.Entries<OutboxMessage>().Where(e => recorded.Contains(e.Entity.EventId)).ToList())
                stale.State = EntityState.Detached;
            recorded.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await InitialAccessTokens.TakeUseAsync(db, grant.Id, now, cancellationToken) is not { } left)
                return false;
            recorded.Add(audit.Record(new AuditEntry(AuditActions.InitialAccessTokenUsed, actor, resource, AuditOutcome.Ok(StatusCodes.Status201Created),
                [new AuditChange("client_id", null, JsonSerializer.SerializeToElement(clientId)),
                 new AuditChange("remaining_uses", JsonSerializer.SerializeToElement(left + 1), JsonSerializer.SerializeToElement(left))])).EventId);
            if (left == 0)
                recorded.Add(audit.Record(new AuditEntry(AuditActions.InitialAccessTokenExhausted, actor, resource,
                    AuditOutcome.Ok(StatusCodes.Status201Created))).EventId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }
}
