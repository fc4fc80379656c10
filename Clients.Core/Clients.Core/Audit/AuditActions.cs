namespace ClientPlatform.Clients.Core.Audit;

/// <summary>Every audit action, in one list. Past tense: each names something that happened.</summary>
public static class AuditActions
{
    // RFC 7591/7592 self-service (Registration.Api)
    public const string ClientRegistered = "client_registered";
    public const string ClientRead = "client_read";
    public const string ClientUpdated = "client_updated";
    public const string ClientDeleted = "client_deleted";
    public const string RegistrationTokenRotated = "registration_token_rotated";

    // Administration (Admin.Api)
    public const string ClientCreated = "client_created";
    public const string SecretRegenerated = "secret_regenerated";
    public const string SecretVerified = "secret_verified";
    public const string SecretAdded = "secret_added";
    public const string SecretRetired = "secret_retired";
    public const string SecretExpired = "secret_expired";
    public const string ClientsBulkDeleted = "clients_bulk_deleted";
    public const string ClientLocked = "client_locked";
    public const string ClientUnlocked = "client_unlocked";
    public const string ClientsExported = "clients_exported";
    public const string ClientExpired = "client_expired";
    public const string KeyAdded = "key_added";
    public const string KeyActivated = "key_activated";
    public const string KeyDeactivated = "key_deactivated";
    public const string KeyRemoved = "key_removed";
    public const string AdminKeyCreated = "admin_key_created";
    public const string AdminKeyRevoked = "admin_key_revoked";

    // Initial access tokens (RFC 7591 §3): issued and revoked by an administrator, used by registrations.
    public const string InitialAccessTokenIssued = "initial_access_token_issued";
    public const string InitialAccessTokenUsed = "initial_access_token_used";
    public const string InitialAccessTokenExhausted = "initial_access_token_exhausted";
    public const string InitialAccessTokenRevoked = "initial_access_token_revoked";

    // Issuers of software statements (RFC 7591 §2.3) trusted or no longer trusted by an administrator.
    public const string SoftwareStatementIssuerTrusted = "software_statement_issuer_trusted";
    public const string SoftwareStatementIssuerRemoved = "software_statement_issuer_removed";

    // Client ID Metadata Documents (issue 35): a client made from its document at its first resolution, and a later
    // fetch that found the document changed (refused where an administrator locked the client's updates).
    public const string ClientResolved = "client_resolved";
    public const string ClientDocumentChanged = "client_document_changed";

    // For review: accepted, but an administrator should look (DCR-49).
    public const string ClientMetadataFlagged = "client_metadata_flagged";

    // An administrator took a client outside the policy its initial access token bound it to (design.md §3).
    public const string ClientPolicyOverridden = "client_policy_overridden";

    // Refusals
    public const string AccessDenied = "access_denied";
    public const string RateLimited = "rate_limited";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        ClientRegistered, ClientRead, ClientUpdated, ClientDeleted, RegistrationTokenRotated,
        ClientCreated, SecretRegenerated, SecretVerified, SecretAdded, SecretRetired, SecretExpired, ClientsBulkDeleted, ClientLocked, ClientUnlocked, ClientsExported, ClientExpired,
        KeyAdded, KeyActivated, KeyDeactivated, KeyRemoved,
        AdminKeyCreated, AdminKeyRevoked, ClientMetadataFlagged, ClientPolicyOverridden, AccessDenied, RateLimited,
        InitialAccessTokenIssued, InitialAccessTokenUsed, InitialAccessTokenExhausted, InitialAccessTokenRevoked,
        SoftwareStatementIssuerTrusted, SoftwareStatementIssuerRemoved, ClientResolved, ClientDocumentChanged,
    };
}

/// <summary>Who acted.</summary>
public static class AuditActorKinds
{
    public const string Client = "client";
    public const string Admin = "admin";
    public const string Anonymous = "anonymous";

    /// <summary>The platform itself, on a schedule (the lifecycle reaper): no caller behind it.</summary>
    public const string System = "system";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Client, Admin, Anonymous, System };
}

/// <summary>What was acted on.</summary>
public static class AuditResourceTypes
{
    public const string Client = "client";
    public const string AdminKey = "admin_key";
    public const string InitialAccessToken = "initial_access_token";
    public const string SoftwareStatementIssuer = "software_statement_issuer";
    public const string Clients = "clients";
}
