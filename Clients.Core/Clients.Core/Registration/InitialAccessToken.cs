namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// An initial access token (RFC 7591 §1.2, §3): issued by an administrator, presented as a bearer token on
/// <c>POST /register</c> when registration is not open. Stored only as its SHA-256 hash, shown once; it
/// expires, allows a number of registrations, and may carry a policy that each registration must satisfy.
/// </summary>
public sealed class InitialAccessToken
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    /// <summary>SHA-256 of the token (<c>sha256$…</c>), looked up by value.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int MaxUses { get; set; }

    /// <summary>Decremented by the registration's own transaction, guarded by <c>remaining_uses &gt; 0</c>.</summary>
    public int RemainingUses { get; set; }

    /// <summary>The registration policy the token carries; every list null = no restriction.</summary>
    public string[]? AllowedGrantTypes { get; set; }

    public string[]? AllowedRedirectUriHosts { get; set; }

    public string[]? AllowedScopes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public RegistrationPolicy Policy => new(AllowedGrantTypes, AllowedRedirectUriHosts, AllowedScopes);
}
