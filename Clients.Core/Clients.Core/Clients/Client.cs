namespace ClientPlatform.Clients.Core;

/// <summary>
/// A registered OAuth 2.0 client: every RFC 7591 §2 metadata field, every field of the admin data model
/// (seed 004), the admin-only flags and locks, and the hashes of its secret and registration access token.
/// Never put on the wire: each API maps it to its own response records.
/// </summary>
public sealed class Client
{
    public required string ClientId { get; set; }

    /// <summary>
    /// The client's credential set (issue 34): its secrets, newest last, each until its own expiry, so that a client's
    /// deployments change over without a moment when none works. Empty for a client without a secret.
    /// </summary>
    public List<ClientSecret> Secrets { get; set; } = [];

    /// <summary>
    /// When the first of its secrets with an expiry expires (or expired: it stays in the set until the sweep audits it as
    /// <c>secret_expired</c> and takes it out). Kept in its own indexed column, derived here and nowhere else, so that
    /// the sweep finds the clients it has work for without reading every credential set.
    /// </summary>
    public DateTimeOffset? SecretsExpireAt
    {
        // To PostgreSQL's microseconds (Npgsql truncates the rest): equal to what was read, a client that did not change
        // is not saved again.
        get => Secrets.Min(s => s.ExpiresAt) is { } first ? first.AddTicks(-(first.Ticks % 10)) : null;
        private set { } // derived from Secrets: what the database held is read only to compare
    }

    /// <summary>The newest secret: the one RFC 7591 §3.2.1 <c>client_secret_expires_at</c> speaks of. Null: no secret.</summary>
    public ClientSecret? CurrentSecret() => Secrets.Count == 0 ? null : Secrets[^1];

    /// <summary>SHA-256 hash of the registration access token (<c>sha256$…</c>), looked up by value.</summary>
    public string? RegistrationTokenHash { get; set; }

    /// <summary>Slides forward on each use (design.md §7 C-2); null = no expiry.</summary>
    public DateTimeOffset? RegistrationTokenExpiresAt { get; set; }

    // RFC 7591 §2: human-readable metadata; language-tagged variants ("client_name#fr") live in LocalizedMetadata.
    public string? ClientName { get; set; }
    public string? ClientUri { get; set; }
    public string? LogoUri { get; set; }
    public string? TosUri { get; set; }
    public string? PolicyUri { get; set; }
    public Dictionary<string, string> LocalizedMetadata { get; set; } = [];

    // RFC 7591 §2: OAuth configuration. Lists are arrays everywhere (design.md §4).
    public string[] RedirectUris { get; set; } = [];
    public string[] PostLogoutRedirectUris { get; set; } = [];
    public string[] GrantTypes { get; set; } = [];
    public string[] ResponseTypes { get; set; } = [];
    public string? Scope { get; set; }
    public string[] Contacts { get; set; } = [];
    public required string TokenEndpointAuthMethod { get; set; }
    public string? JwksUri { get; set; }

    /// <summary>The client's JWK Set document, kept as JSON text.</summary>
    public string? Jwks { get; set; }
    /// <summary>
    /// Keys an administrator added inactive or deactivated (issue 34, <see cref="ClientKeySet"/>): a JSON array of JWKs,
    /// not published in <see cref="Jwks"/> until activated. Null: none.
    /// </summary>
    public string? StagedJwks { get; set; }

    public string? SoftwareId { get; set; }

    /// <summary>The verified software statement the registration carried, kept as received to be returned (RFC 7591 §3.2.1).</summary>
    public string? SoftwareStatement { get; set; }
    public string? SoftwareVersion { get; set; }

    // OpenID Connect registration metadata that the admin data model carries.
    public string ApplicationType { get; set; } = "web";
    public string SubjectType { get; set; } = "public";
    public string? SectorIdentifierUri { get; set; }
    public string IdTokenSignedResponseAlg { get; set; } = "RS256";
    public bool RequireAuthTime { get; set; }
    public int? DefaultMaxAge { get; set; }
    public bool RequirePushedAuthorizationRequests { get; set; }

    // Sender-constrained tokens (RFC 9449 §5.2, RFC 8705 §3.4) and mutual TLS subjects (RFC 8705 §2.1.2).
    public bool DpopBoundAccessTokens { get; set; }
    public bool TlsClientCertificateBoundAccessTokens { get; set; }
    public string? TlsClientAuthSubjectDn { get; set; }
    public string? TlsClientAuthSanDns { get; set; }
    public string? TlsClientAuthSanUri { get; set; }
    public string? TlsClientAuthSanIp { get; set; }
    public string? TlsClientAuthSanEmail { get; set; }

    /// <summary>RFC 9396 §10.</summary>
    public string[] AuthorizationDetailsTypes { get; set; } = [];

    // Admin-only: never settable through /register (a client cannot raise its own trust).
    public bool IsTrusted { get; set; }
    public bool SkipConsent { get; set; }
    public bool AllowClaimsWithoutScope { get; set; }

    /// <summary>
    /// Marked by an administrator: the lifecycle rule for <c>admin</c> applies to this client, created by one (issue 34).
    /// Unmarked, an administrator's client never expires.
    /// </summary>
    public bool LifecycleManaged { get; set; }

    /// <summary>The initial access token the client registered with (RFC 7591 §3), if it registered with one.</summary>
    public string? InitialAccessTokenId { get; set; }

    /// <summary>
    /// The policy that token carried, copied at registration: every later change the client makes itself (RFC 7592
    /// update, secret rotation) is held to it, whatever becomes of the token (design.md §3). Null: none binds it.
    /// Only an administrator may take the client outside it, and that is audited as such.
    /// </summary>
    public Registration.RegistrationPolicy? RegistrationPolicy { get; set; }

    /// <summary>
    /// The registration profile the client registered under (<see cref="Registration.RegistrationProfiles"/>, issue 35): every
    /// later change it makes itself is held to it. Null: none binds it.
    /// </summary>
    public string? RegistrationProfile { get; set; }

    /// <summary>An administrator forbade the client to update itself through /register/{id}.</summary>
    public bool UpdateLocked { get; set; }

    /// <summary>An administrator forbade the client to delete itself through /register/{id}.</summary>
    public bool DeleteLocked { get; set; }

    /// <summary>How the client came to be (<see cref="ClientSources"/>): set when it is made, never changed.</summary>
    public string Source { get; set; } = ClientSources.Dynamic;

    /// <summary>
    /// A <see cref="ClientSources.MetadataDocument"/> client's: until when its metadata, as last fetched from its URL, is
    /// used without fetching it again (its Cache-Control, within MetadataDocuments:CacheMinimum and CacheMaximum). Null for
    /// every other client.
    /// </summary>
    public DateTimeOffset? DocumentFreshUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: a concurrent change makes SaveChanges fail instead of losing one of them.</summary>
    public uint Version { get; set; }
}
