using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// A signed statement of how far the audit chain reached, written outside the database (a file, and the audit worker's
/// log): its head row and that row's link, when, and an HMAC under the chain's key. Verification checks the chain against
/// the newest one, so that rows cut from the end, or a whole chain rebuilt by someone without the key, are found even
/// though the database's own record of the head (<see cref="AuditChainHead"/>) was rewritten with them.
/// </summary>
public sealed record AuditCheckpoint(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("written_at")] DateTimeOffset WrittenAt,
    [property: JsonPropertyName("key_id")] string KeyId,
    [property: JsonPropertyName("mac")] string Mac)
{
    public static AuditCheckpoint Sign(AuditChainKey key, long seq, byte[] hash, DateTimeOffset now)
    {
        var writtenAt = AuditChain.ToStoredPrecision(now);
        var link = Convert.ToBase64String(hash);
        return new AuditCheckpoint(seq, link, writtenAt, key.Id, Convert.ToBase64String(Sign(key, seq, link, writtenAt)));
    }

    /// <summary>Whether the checkpoint was signed with one of <paramref name="keys"/>, as it reads now.</summary>
    public bool IsAuthentic(AuditChainKeys keys)
    {
        if (keys.Find(KeyId) is not { } key)
            return false;
        Span<byte> presented = stackalloc byte[32];
        return Convert.TryFromBase64String(Mac, presented, out var length) && length == 32
            && CryptographicOperations.FixedTimeEquals(presented, Sign(key, Seq, Hash, WrittenAt));
    }

    [JsonIgnore]
    public byte[] HashBytes => Convert.FromBase64String(Hash);

    public string ToJsonLine() => JsonSerializer.Serialize(this);

    /// <summary>The newest checkpoint in <paramref name="file"/> (its last line), or null when there is none yet.</summary>
    /// <exception cref="FormatException">The last line is not a checkpoint at all.</exception>
    public static AuditCheckpoint? Latest(string? file)
    {
        if (file is null || !File.Exists(file))
            return null;
        var last = File.ReadLines(file).LastOrDefault(line => line.Length > 0);
        if (last is null)
            return null;
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(last) ?? throw new FormatException("an empty checkpoint");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the newest line of {file} is not a checkpoint ({e.Message})");
        }
    }

    private static byte[] Sign(AuditChainKey key, long seq, string link, DateTimeOffset writtenAt) =>
        HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes(
            $"clientplatform audit checkpoint\n{key.Id}\n{seq.ToString(CultureInfo.InvariantCulture)}\n{link}\n{writtenAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}"));
}
