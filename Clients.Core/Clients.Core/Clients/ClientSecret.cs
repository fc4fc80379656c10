namespace ClientPlatform.Clients.Core;

/// <summary>
/// One secret of a client's credential set (issue 34), kept only as its BCrypt hash. The newest is the client's current
/// secret, whose expiry RFC 7591 §3.2.1 <c>client_secret_expires_at</c> reports; the others are still accepted until their
/// own expiry — the one an answer announced when they were replaced, which nothing later brings forward.
/// </summary>
public sealed class ClientSecret
{
    /// <summary>Names the secret in answers and the audit log (never the secret itself): <c>cs_</c> and 16 random characters.</summary>
    public required string Id { get; init; }

    /// <summary>BCrypt hash with its scheme prefix (<c>bcrypt$…</c>).</summary>
    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null: it does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsLiveAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
