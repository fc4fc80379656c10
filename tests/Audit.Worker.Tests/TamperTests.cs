using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// Someone with the database owner's rights edits or deletes audit rows: verification names the row.
/// Each test tampers inside a transaction it rolls back, so the log stays intact for the other tests.
/// </summary>
[Collection(AuditPipelineCollection.Name)]
public sealed class TamperTests(AuditPipelineFixture pipeline)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_UntouchedLog_IsValid()
    {
        await WrittenEventsAsync();

        var result = await TamperAndVerifyAsync(null);

        Assert.True(result.Valid, result.Reason);
        Assert.True(result.RowsChecked >= 5);
    }

    [Fact]
    public async Task Verify_AfterEditingOneRow_FailsAtThatRow()
    {
        var seq = await SeqOfAsync((await WrittenEventsAsync())[2]);

        var result = await TamperAndVerifyAsync($"UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = {seq}");

        Assert.False(result.Valid);
        Assert.Equal(seq, result.FirstBadSeq);
        Assert.Contains("altered", result.Reason);
    }

    [Fact]
    public async Task Verify_AfterEditingARowAndItsHash_FailsAtTheRowAfterIt()
    {
        // A careful attacker also recomputes the edited row's hash: the next row's link gives it away.
        var events = await WrittenEventsAsync();
        var seq = await SeqOfAsync(events[1]);
        var next = await SeqOfAsync(events[2]);

        var result = await TamperAndVerifyAsync(
            $"UPDATE audit_log SET status = 500, hash = sha256(hash) WHERE seq = {seq}");

        Assert.False(result.Valid);
        Assert.Equal(seq, result.FirstBadSeq); // its content no longer matches the (recomputed-by-guess) hash
        Assert.True(next > seq);
    }

    [Fact]
    public async Task Verify_AfterDeletingOneRow_FailsWhereTheChainBreaks()
    {
        var events = await WrittenEventsAsync();
        var deleted = await SeqOfAsync(events[2]);
        var following = await SeqOfAsync(events[3]);

        var result = await TamperAndVerifyAsync($"DELETE FROM audit_log WHERE seq = {deleted}");

        Assert.False(result.Valid);
        // The first row after the gap no longer links: it is named, and the reason says a row is missing.
        Assert.True(result.FirstBadSeq > deleted && result.FirstBadSeq <= following);
        Assert.Contains("deleted", result.Reason);
    }

    [Fact]
    public async Task Verify_AfterDeletingTheNewestRows_Fails()
    {
        await WrittenEventsAsync();

        var result = await TamperAndVerifyAsync("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)");

        Assert.False(result.Valid);
        Assert.Contains("rows at its end were deleted", result.Reason);
    }

    [Fact]
    public async Task Update_ThroughTheApplicationsConnection_IsRefusedByTheDatabase()
    {
        await WrittenEventsAsync();
        await using var connection = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var update = new NpgsqlCommand("UPDATE audit_log SET actor_id = 'x'", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync(Ct));

        Assert.Contains("append-only", error.MessageText);
    }

    private async Task<List<Guid>> WrittenEventsAsync()
    {
        var events = await pipeline.MakeChangesAsync(5, Ct);
        var written = await pipeline.WaitForWrittenAsync(events, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(events.Count, written.Count);
        return events;
    }

    private async Task<long> SeqOfAsync(Guid eventId)
    {
        await using var connection = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT seq FROM audit_log WHERE event_id = @id", connection);
        query.Parameters.AddWithValue("id", eventId);
        return (long)(await query.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>Tampers as the owner would (triggers off), verifies in the same transaction, then rolls back.</summary>
    private async Task<ChainVerification> TamperAndVerifyAsync(string? tampering)
    {
        await using var connection = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        // Serializes with the worker's appends, so the chain does not grow under the test.
        await using (var chainLock = new NpgsqlCommand("LOCK TABLE audit_chain_head IN EXCLUSIVE MODE", connection, transaction))
            await chainLock.ExecuteNonQueryAsync(Ct);
        if (tampering is not null)
        {
            await using var command = new NpgsqlCommand($"SET LOCAL session_replication_role = replica; {tampering}", connection, transaction);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }
        await using var db = new ClientsDbContext(new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql(connection).Options);
        await db.Database.UseTransactionAsync(transaction, Ct);
        var result = await new AuditChainVerifier(db).VerifyAsync(Ct);
        await transaction.RollbackAsync(Ct);
        return result;
    }
}
