using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// The hash chain over the audit log: each row's hash is SHA-256 over the previous row's hash and the
/// row's own content, field by field with lengths, so no two different rows hash alike.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first row.</summary>
    public static byte[] Genesis { get; } = new byte[32];

    public static byte[] Hash(ReadOnlySpan<byte> previousHash, AuditRecord record)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previousHash);
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
