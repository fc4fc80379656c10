using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// The chain over the audit log: each row's link is an HMAC-SHA256, under a key only the audit worker holds
/// (<see cref="AuditChainKeys"/>), over the previous row's link and the row's own content, field by field with lengths,
/// so no two different rows link alike — and whoever can write the database, but lacks the key, cannot compute a link
/// for a row of their own making (design.md §3). Rows written before the chain was keyed (no key id) were linked with
/// plain SHA-256 and are checked so; the first keyed row after them binds them too.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first row.</summary>
    public static byte[] Genesis { get; } = new byte[32];

    /// <param name="key">The key the row names (<see cref="AuditRecord.KeyId"/>); null for a row from before keys.</param>
    public static byte[] Hash(ReadOnlySpan<byte> previousHash, AuditRecord record, AuditChainKey? key)
    {
        using var sha = key is null
            ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256)
            : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Secret);
        sha.AppendData(previousHash);
        if (key is not null)
            Append(sha, record.KeyId);
        Append(sha, record.EventId.ToString("D"));
        Append(sha, record.Version);
        Append(sha, record.OccurredAt.UtcTicks);
        Append(sha, record.RecordedAt.UtcTicks);
        Append(sha, record.ActorKind);
        Append(sha, record.ActorId);
        Append(sha, record.Action);
        Append(sha, record.ResourceType);
        Append(sha, record.ResourceId);
        Append(sha, record.Changes);
        Append(sha, record.Success ? 1 : 0);
        Append(sha, record.Status);
        Append(sha, record.Error);
        Append(sha, record.IpAddress);
        Append(sha, record.UserAgent);
        Append(sha, record.TraceId);
        return sha.GetHashAndReset();
    }

    /// <summary>PostgreSQL keeps microseconds: times are cut to that before hashing, so a re-read hashes alike.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    private static void Append(IncrementalHash sha, string? value)
    {
        if (value is null)
        {
            Append(sha, -1L);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        Append(sha, (long)bytes.Length);
        sha.AppendData(bytes);
    }

    private static void Append(IncrementalHash sha, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        sha.AppendData(buffer);
    }
}
