namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// One row of the append-only audit log. <see cref="Hash"/> covers the row's content and the previous
/// row's hash, so editing or deleting any row breaks the chain where it happened (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditRecord
{
    /// <summary>Position in the chain.</summary>
    public long Seq { get; set; }

    public Guid EventId { get; set; }

    public int Version { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string ActorKind { get; set; }

    public string? ActorId { get; set; }

    public required string Action { get; set; }

    public required string ResourceType { get; set; }

    public string? ResourceId { get; set; }

    /// <summary>The field-level changes as compact JSON, hashed as stored.</summary>
    public required string Changes { get; set; }

    public bool Success { get; set; }

    public int Status { get; set; }

    public string? Error { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public string? TraceId { get; set; }

    /// <summary>The id of the key the row's link is an HMAC under (<see cref="AuditChainKeys"/>); null for rows from before keys.</summary>
    public string? KeyId { get; set; }

    public required byte[] PreviousHash { get; set; }

    public required byte[] Hash { get; set; }
}

/// <summary>The last link of the chain, updated with every append: deleting rows at the end is detected too.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastSeq { get; set; }

    public required byte[] LastHash { get; set; }
}
