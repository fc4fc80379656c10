namespace ClientPlatform.Clients.Core.Admin;

/// <summary>
/// An admin API key: a name, scopes and an optional expiry; the key itself is stored only as its SHA-256
/// hash and shown once, at creation. <see cref="Id"/> is public and is the actor in the audit log.
/// </summary>
public sealed class AdminApiKey
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string KeyHash { get; set; }

    public string[] Scopes { get; set; } = [];

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
