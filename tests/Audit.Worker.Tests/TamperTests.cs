using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// Someone with the database owner's rights edits or deletes audit rows, recomputing links as well as anyone without
/// the chain's key can: verification, with the key only the worker holds and its newest checkpoint, names the row.
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

        var result = await TamperAndVerifyAsync((string?)null);

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
    public async Task Verify_OwnerRewritesARow_AndRecomputesEveryLinkAfterIt_FailsAtThatRow()
    {
        // Issue 31, item 5: with an unkeyed SHA-256 chain this rewrite verified as valid.
        var seq = await SeqOfAsync((await WrittenEventsAsync())[1]);

        var result = await TamperAndVerifyAsync(async (db, connection, transaction) =>
            await RewriteFromAsync(db, connection, transaction, seq, row => row.ActorId = "someone-else", unkeyed: false));

        Assert.False(result.Valid);
        Assert.Equal(seq, result.FirstBadSeq);
        Assert.Contains("HMAC", result.Reason);
    }

    [Fact]
    public async Task VerifyThroughTheAdminApi_OwnerRewroteARowAndEveryLinkAfterIt_NamesThatRow_AndValidOnceRestored()
    {
        // Issue 31, item 5, as an outsider checks it: committed, as a database owner would, then asked of the admin API,
        // which asks the worker. The worker's appends wait on its own chain lock meanwhile, so the chain does not move.
        var events = await WrittenEventsAsync();
        var seq = await SeqOfAsync(events[1]);
        await pipeline.CheckpointCoveringAsync(await SeqOfAsync(events[^1]), Ct);
        await using var appends = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await appends.OpenAsync(Ct);
        await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_lock({ChainLockKey})", appends))
            await hold.ExecuteNonQueryAsync(Ct);
        var original = await RowsFromAsync(seq);

        await CommittedAsync((db, connection, transaction) => RewriteFromAsync(db, connection, transaction, seq, row => row.ActorId = "someone-else", unkeyed: false));
        var tampered = await VerifyThroughTheAdminApiAsync();
        await CommittedAsync((_, connection, transaction) => WriteRowsAsync(connection, transaction, original));
        var restored = await VerifyThroughTheAdminApiAsync();
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({ChainLockKey})", appends))
            await release.ExecuteNonQueryAsync(Ct);

        Assert.False(tampered.GetProperty("valid").GetBoolean());
        Assert.Equal(seq, tampered.GetProperty("first_bad_seq").GetInt64());
        Assert.Contains("HMAC", tampered.GetProperty("reason").GetString());
        Assert.True(tampered.GetProperty("checkpoint").GetProperty("seq").GetInt64() > seq);
        Assert.True(restored.GetProperty("valid").GetBoolean(), restored.ToString());
    }

    [Fact]
    public async Task Verify_OwnerRewritesRowsAsIfFromBeforeKeys_FailsAtTheFirst()
    {
        var seq = await SeqOfAsync((await WrittenEventsAsync())[1]);

        var result = await TamperAndVerifyAsync(async (db, connection, transaction) =>
            await RewriteFromAsync(db, connection, transaction, seq, row => row.ActorId = "someone-else", unkeyed: true));

        Assert.False(result.Valid);
        Assert.Equal(seq, result.FirstBadSeq);
        Assert.Contains("keyed rows come before it", result.Reason);
    }

    [Fact]
    public async Task Verify_OwnerRebuildsTheWholeChainUnkeyed_FailsAgainstTheCheckpoint()
    {
        // Every row recomputed from the first, as rows from before keys: the chain holds together, but not with the
        // link the newest checkpoint, written outside the database, recorded.
        var checkpoint = await pipeline.CheckpointCoveringAsync(await SeqOfAsync((await WrittenEventsAsync())[^1]), Ct);

        var result = await TamperAndVerifyAsync(async (db, connection, transaction) =>
            await RewriteFromAsync(db, connection, transaction, 1, row => row.ActorId ??= "rebuilt", unkeyed: true));

        Assert.False(result.Valid);
        Assert.Equal(checkpoint.Seq, result.FirstBadSeq);
        Assert.Contains("checkpoint", result.Reason);
    }

    [Fact]
    public async Task Verify_CheckpointFileAltered_IsSaidSo()
    {
        var checkpoint = await pipeline.CheckpointCoveringAsync(await SeqOfAsync((await WrittenEventsAsync())[^1]), Ct);
        var keys = await pipeline.ChainKeysAsync(Ct);
        await using var db = new ClientsDbContext(new DbContextOptionsBuilder<ClientsDbContext>()
            .UseNpgsql(pipeline.ConnectionString(ResourceNames.ClientsDb)).Options);

        var result = await new AuditChainVerifier(db, keys).VerifyAsync(checkpoint with { Seq = checkpoint.Seq - 1 }, Ct);

        Assert.False(result.Valid);
        Assert.Contains("checkpoint file was altered", result.Reason);
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

    /// <summary>The audit worker's chain lock (Audit.Worker AuditLogWriter): held here, the worker appends nothing.</summary>
    private const long ChainLockKey = 0x636861696e;

    private async Task<System.Text.Json.JsonElement> VerifyThroughTheAdminApiAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/audit/verify");
        request.Headers.Authorization = new("Bearer", pipeline.AdminSecret);
        using var response = await pipeline.Gateway.SendAsync(request, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private async Task<List<AuditRecord>> RowsFromAsync(long seq)
    {
        await using var db = new ClientsDbContext(new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql(pipeline.ConnectionString(ResourceNames.ClientsDb)).Options);
        return await db.AuditLog.AsNoTracking().Where(r => r.Seq >= seq).OrderBy(r => r.Seq).ToListAsync(Ct);
    }

    /// <summary>As the owner, triggers off, committed.</summary>
    private async Task CommittedAsync(Func<ClientsDbContext, NpgsqlConnection, NpgsqlTransaction, Task> change)
    {
        await using var connection = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using (var off = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
            await off.ExecuteNonQueryAsync(Ct);
        await using var db = new ClientsDbContext(new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql(connection).Options);
        await db.Database.UseTransactionAsync(transaction, Ct);
        await change(db, connection, transaction);
        await transaction.CommitAsync(Ct);
    }

    /// <summary>Tampers as the owner would (triggers off), verifies in the same transaction, then rolls back.</summary>
    private Task<ChainVerification> TamperAndVerifyAsync(string? tampering) =>
        TamperAndVerifyAsync(tampering is null ? null : async (_, connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(tampering, connection, transaction);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        });

    /// <summary>
    /// Tampers as the owner would (triggers off), then verifies in the same transaction with the chain's keys and the
    /// worker's newest checkpoint, as the worker itself would, then rolls back.
    /// </summary>
    private async Task<ChainVerification> TamperAndVerifyAsync(Func<ClientsDbContext, NpgsqlConnection, NpgsqlTransaction, Task>? tamper)
    {
        var keys = await pipeline.ChainKeysAsync(Ct);
        var checkpoint = AuditCheckpoint.Latest(ClientPlatform.AppHost.AuditChainSettings.CheckpointFile(pipeline.StateDirectory));
        await using var connection = new NpgsqlConnection(pipeline.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        // Serializes with the worker's appends, so the chain does not grow under the test.
        await using (var chainLock = new NpgsqlCommand("LOCK TABLE audit_chain_head IN EXCLUSIVE MODE; SET LOCAL session_replication_role = replica",
            connection, transaction))
            await chainLock.ExecuteNonQueryAsync(Ct);
        await using var db = new ClientsDbContext(new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql(connection).Options);
        await db.Database.UseTransactionAsync(transaction, Ct);
        if (tamper is not null)
            await tamper(db, connection, transaction);
        var result = await new AuditChainVerifier(db, keys).VerifyAsync(checkpoint, Ct);
        await transaction.RollbackAsync(Ct);
        return result;
    }

    /// <summary>
    /// Changes the row at <paramref name="from"/>, then recomputes its link and every later one as well as someone
    /// without the key can (SHA-256; with <paramref name="unkeyed"/> also dropping the key id, as rows from before keys),
    /// and moves the chain's head to match: everything a database owner could do to make the change look untouched.
    /// </summary>
    private static async Task RewriteFromAsync(
        ClientsDbContext db, NpgsqlConnection connection, NpgsqlTransaction transaction, long from, Action<AuditRecord> change, bool unkeyed)
    {
        var rows = await db.AuditLog.AsNoTracking().Where(r => r.Seq >= from).OrderBy(r => r.Seq).ToListAsync(Ct);
        var previous = from == 1 ? AuditChain.Genesis : (await db.AuditLog.AsNoTracking().SingleAsync(r => r.Seq == from - 1, Ct)).Hash;
        change(rows[0]);
        foreach (var row in rows)
        {
            if (unkeyed)
                row.KeyId = null;
            row.PreviousHash = previous;
            row.Hash = AuditChain.Hash(previous, row, key: null);
            previous = row.Hash;
        }
        await WriteRowsAsync(connection, transaction, rows);
    }

    /// <summary>Writes the rows' actor, key id and links as they are, and the chain's head as the last one's link.</summary>
    private static async Task WriteRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<AuditRecord> rows)
    {
        foreach (var row in rows)
        {
            await using var update = new NpgsqlCommand(
                "UPDATE audit_log SET actor_id = @actor, key_id = @key, previous_hash = @previous, hash = @hash WHERE seq = @seq", connection, transaction);
            update.Parameters.AddWithValue("actor", (object?)row.ActorId ?? DBNull.Value);
            update.Parameters.AddWithValue("key", (object?)row.KeyId ?? DBNull.Value);
            update.Parameters.AddWithValue("previous", row.PreviousHash);
            update.Parameters.AddWithValue("hash", row.Hash);
            update.Parameters.AddWithValue("seq", row.Seq);
            await update.ExecuteNonQueryAsync(Ct);
        }
        await using var head = new NpgsqlCommand("UPDATE audit_chain_head SET last_hash = @hash", connection, transaction);
        head.Parameters.AddWithValue("hash", rows[^1].Hash);
        await head.ExecuteNonQueryAsync(Ct);
    }
}
