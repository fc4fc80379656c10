using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ClientPlatform.Audit.Worker;

/// <summary>
/// Appends events to the audit log in one transaction per batch, extending the chain with links keyed by the
/// current chain key (<see cref="AuditChain"/>). Idempotent:
/// an event already in the log (a redelivery) is skipped. Writers on several replicas take turns through
/// an advisory lock, so the chain has one order.
/// </summary>
internal sealed class AuditLogWriter(NpgsqlDataSource dataSource, AuditChainKeys keys, ChainHeadTracker head, TimeProvider time)
{
    // Any fixed number works; it only has to differ from the other advisory locks.
    private const long ChainLockKey = 0x636861696e;

    /// <returns>How many events were new (the rest were already written).</returns>
    public async Task<int> WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);

        var fresh = await WithoutWrittenAsync(connection, events, cancellationToken);
        if (fresh.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var previous = await ChainHeadAsync(connection, cancellationToken);
        var recordedAt = AuditChain.ToStoredPrecision(time.GetUtcNow());
        var key = keys.Current;
        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY audit_log (event_id, version, occurred_at, recorded_at, actor_kind, actor_id, action, resource_type, resource_id,
                            changes, success, status, error, ip_address, user_agent, trace_id, key_id, previous_hash, hash)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var auditEvent in fresh)
            {
                var record = ToRecord(auditEvent, recordedAt, previous, key);
                await WriteRowAsync(copy, record, cancellationToken);
                previous = record.Hash;
            }
            await copy.CompleteAsync(cancellationToken);
        }

        long lastSeq;
        await using (var update = new NpgsqlCommand(
            """
            INSERT INTO audit_chain_head (id, last_seq, last_hash)
            VALUES (@id, (SELECT max(seq) FROM audit_log), @hash)
            ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash
            RETURNING last_seq
            """, connection))
        {
            update.Parameters.AddWithValue("id", AuditChainHead.SingletonId);
            update.Parameters.AddWithValue("hash", previous);
            lastSeq = (long)(await update.ExecuteScalarAsync(cancellationToken))!;
        }
        await transaction.CommitAsync(cancellationToken);
        // What this process itself appended, for the next checkpoint: never what the database says now.
        head.Appended(lastSeq, previous);
        return fresh.Count;
    }

    private static async Task<List<AuditEvent>> WithoutWrittenAsync(
        NpgsqlConnection connection, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var written = new HashSet<Guid>();
        await using (var query = new NpgsqlCommand("SELECT event_id FROM audit_log WHERE event_id = ANY(@ids)", connection))
        {
            query.Parameters.AddWithValue("ids", events.Select(e => e.EventId).ToArray());
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                written.Add(reader.GetGuid(0));
        }
        // A batch may also hold the same event twice (published again before its first copy was acked).
        return events.Where(e => written.Add(e.EventId)).ToList();
    }

    private static async Task<byte[]> ChainHeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT last_hash FROM audit_chain_head WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", AuditChainHead.SingletonId);
        return await query.ExecuteScalarAsync(cancellationToken) as byte[] ?? AuditChain.Genesis;
    }

    private static AuditRecord ToRecord(AuditEvent e, DateTimeOffset recordedAt, byte[] previous, AuditChainKey key)
    {
        var record = new AuditRecord
        {
            EventId = e.EventId,
            Version = e.Version,
            OccurredAt = AuditChain.ToStoredPrecision(e.OccurredAt),
            RecordedAt = recordedAt,
            ActorKind = AuditLimits.Cut(e.Actor.Kind, AuditLimits.ShortValueMaxLength)!,
            ActorId = AuditLimits.Cut(e.Actor.Id, AuditLimits.IdMaxLength),
            Action = AuditLimits.Cut(e.Action, AuditLimits.ShortValueMaxLength)!,
            ResourceType = AuditLimits.Cut(e.Resource.Type, AuditLimits.ShortValueMaxLength)!,
            ResourceId = AuditLimits.Cut(e.Resource.Id, AuditLimits.IdMaxLength),
            Changes = JsonSerializer.Serialize(e.Changes, AuditJson.Default.IReadOnlyListAuditChange),
            Success = e.Outcome.Success,
            Status = e.Outcome.Status,
            Error = AuditLimits.Cut(e.Outcome.Error, AuditLimits.ShortValueMaxLength),
            IpAddress = AuditLimits.Cut(e.IpAddress, AuditLimits.IpAddressMaxLength),
            UserAgent = AuditLimits.Cut(e.UserAgent, AuditLimits.UserAgentMaxLength),
            TraceId = AuditLimits.Cut(e.TraceId, AuditLimits.TraceIdMaxLength),
            KeyId = key.Id,
            PreviousHash = previous,
            Hash = [],
        };
        record.Hash = AuditChain.Hash(previous, record, key);
        return record;
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter copy, AuditRecord r, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(r.EventId, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(r.Version, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(r.RecordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(r.ActorKind, NpgsqlDbType.Varchar, cancellationToken);
        await WriteNullableAsync(copy, r.ActorId, cancellationToken);
        await copy.WriteAsync(r.Action, NpgsqlDbType.Varchar, cancellationToken);
        await copy.WriteAsync(r.ResourceType, NpgsqlDbType.Varchar, cancellationToken);
        await WriteNullableAsync(copy, r.ResourceId, cancellationToken);
        await copy.WriteAsync(r.Changes, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(r.Success, NpgsqlDbType.Boolean, cancellationToken);
        await copy.WriteAsync(r.Status, NpgsqlDbType.Integer, cancellationToken);
        await WriteNullableAsync(copy, r.Error, cancellationToken);
        await WriteNullableAsync(copy, r.IpAddress, cancellationToken);
        await WriteNullableAsync(copy, r.UserAgent, cancellationToken);
        await WriteNullableAsync(copy, r.TraceId, cancellationToken);
        await WriteNullableAsync(copy, r.KeyId, cancellationToken);
        await copy.WriteAsync(r.PreviousHash, NpgsqlDbType.Bytea, cancellationToken);
        await copy.WriteAsync(r.Hash, NpgsqlDbType.Bytea, cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await copy.WriteNullAsync(cancellationToken);
        else await copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
