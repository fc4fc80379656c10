using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>A change and its audit event commit together, or neither does.</summary>
[Collection(AuditPipelineCollection.Name)]
public sealed class OutboxTests(AuditPipelineFixture pipeline)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveChanges_WithChangeAndEvent_CommitsBoth()
    {
        await using var scope = pipeline.Api.Services.CreateAsyncScope();
        var (db, trail) = Resolve(scope);
        var client = TestClients.New();
        db.Clients.Add(client);
        var recorded = trail.Record(TestClients.Registered(client.ClientId));

        await db.SaveChangesAsync(Ct);

        Assert.True(await db.Clients.AnyAsync(c => c.ClientId == client.ClientId, Ct));
        var outbox = await db.AuditOutbox.SingleAsync(m => m.EventId == recorded.EventId, Ct);
        Assert.Equal($"client:{client.ClientId}", outbox.ResourceKey);
    }

    [Fact]
    public async Task SaveChanges_ThatFails_LeavesNoEvent()
    {
        // Arrange: a client id that exists already, so the insert violates the primary key.
        var existing = TestClients.New();
        await using (var setup = pipeline.Api.Services.CreateAsyncScope())
        {
            var (setupDb, _) = Resolve(setup);
            setupDb.Clients.Add(existing);
            await setupDb.SaveChangesAsync(Ct);
        }
        await using var scope = pipeline.Api.Services.CreateAsyncScope();
        var (db, trail) = Resolve(scope);
        db.Clients.Add(TestClients.New(existing.ClientId));
        var recorded = trail.Record(TestClients.Registered(existing.ClientId));

        // Act
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        // Assert
        await using var check = pipeline.Api.Services.CreateAsyncScope();
        Assert.False(await Resolve(check).Db.AuditOutbox.AnyAsync(m => m.EventId == recorded.EventId, Ct));
    }

    [Fact]
    public async Task Transaction_RolledBack_LeavesNeitherChangeNorEvent()
    {
        await using var scope = pipeline.Api.Services.CreateAsyncScope();
        var (db, trail) = Resolve(scope);
        var client = TestClients.New();
        AuditEvent? recorded = null;
        // An explicit transaction runs inside the execution strategy (EF retries the whole unit on a transient failure).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Clients.Add(client);
            recorded = trail.Record(TestClients.Registered(client.ClientId));
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        });

        await using var check = pipeline.Api.Services.CreateAsyncScope();
        var checkDb = Resolve(check).Db;
        Assert.False(await checkDb.Clients.AnyAsync(c => c.ClientId == client.ClientId, Ct));
        Assert.False(await checkDb.AuditOutbox.AnyAsync(m => m.EventId == recorded!.EventId, Ct));
    }

    [Fact]
    public async Task RecordNow_WithoutChange_GoesStraightToTheBroker_AndCommitsNothingElsePending()
    {
        await using var scope = pipeline.Api.Services.CreateAsyncScope();
        var (db, trail) = Resolve(scope);
        var pending = TestClients.New();
        db.Clients.Add(pending); // never saved

        var recorded = await trail.RecordNowAsync(TestClients.Read(pending.ClientId), Ct);
        var written = await pipeline.WaitForWrittenAsync([recorded.EventId], TimeSpan.FromSeconds(30), Ct);

        await using var check = pipeline.Api.Services.CreateAsyncScope();
        var checkDb = Resolve(check).Db;
        Assert.Equal([recorded.EventId], written);
        Assert.False(await checkDb.AuditOutbox.AnyAsync(m => m.EventId == recorded.EventId, Ct)); // no PostgreSQL write on the way
        Assert.False(await checkDb.Clients.AnyAsync(c => c.ClientId == pending.ClientId, Ct));
    }

    [Fact]
    public void Record_UnknownAction_IsRefused()
    {
        using var scope = pipeline.Api.Services.CreateScope();
        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();

        Assert.Throws<ArgumentException>(() => trail.Record(new AuditEntry(
            "client_teleported", AuditActor.Anonymous, new AuditResource(AuditResourceTypes.Client, "x"), AuditOutcome.Ok())));
    }

    private static (ClientsDbContext Db, IAuditTrail Trail) Resolve(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<ClientsDbContext>(), scope.ServiceProvider.GetRequiredService<IAuditTrail>());
}
