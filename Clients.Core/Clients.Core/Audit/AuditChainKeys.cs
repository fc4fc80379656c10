using System.ComponentModel.DataAnnotations;
using System.Text;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// The audit chain's keys (section "AuditChain"), which only Audit.Worker is given (design.md §3): each row's link is an
/// HMAC-SHA256 under the current key, and names the key by its id, so that keys can rotate — add the new one, make it
/// current, keep the old ones for as long as rows signed with them are to be verified. Where checkpoints go, and how often.
/// </summary>
public sealed class AuditChainOptions : IValidatableObject
{
    public const string SectionName = "AuditChain";
    public const int MinKeyLength = 32;

    /// <summary>Keys by id (<c>AuditChain__Keys__k1=…</c>): each at least 32 characters of random text (e.g. openssl rand -hex 32).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The id of the key new rows and checkpoints are signed with.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>
    /// A file outside the database where signed checkpoints of the chain's head are appended (one JSON object a line);
    /// unset, they go to the log only. Verification checks the chain against the newest one here.
    /// </summary>
    public string? CheckpointFile { get; set; }

    /// <summary>How often a checkpoint is written, when the chain has grown since the last one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(CurrentKeyId) || !Keys.ContainsKey(CurrentKeyId))
            yield return new ValidationResult(
                $"{SectionName}:CurrentKeyId must name one of {SectionName}:Keys (e.g. {SectionName}__Keys__k1=<64 hex characters> and " +
                $"{SectionName}__CurrentKeyId=k1): the audit chain is signed with a key only the audit worker holds.");
        foreach (var (id, key) in Keys)
        {
            if (id.Length is 0 or > AuditLimits.ShortValueMaxLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                yield return new ValidationResult($"{SectionName}:Keys: '{id}' is not a key id (letters, digits, '-', '_', '.').");
            if ((key?.Length ?? 0) < MinKeyLength)
                yield return new ValidationResult($"{SectionName}:Keys:{id} must be at least {MinKeyLength} characters of random text.");
        }
    }

    public AuditChainKeys ToKeys() =>
        new(Keys.ToDictionary(k => k.Key, k => new AuditChainKey(k.Key, Encoding.UTF8.GetBytes(k.Value)), StringComparer.Ordinal), CurrentKeyId!);
}

/// <summary>One key of the audit chain: its id, as rows name it, and its secret.</summary>
public sealed record AuditChainKey(string Id, byte[] Secret);

/// <summary>Every key the audit worker holds, and the one it signs with now.</summary>
public sealed class AuditChainKeys(IReadOnlyDictionary<string, AuditChainKey> keys, string currentId)
{
    public AuditChainKey Current { get; } = keys[currentId];

    public AuditChainKey? Find(string? id) => id is not null && keys.TryGetValue(id, out var key) ? key : null;
}
