using System.Text.Json;
using ClientPlatform.Clients.Core.Audit;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// What an audit event records of a client's secrets: the secret named and its id (never the secret), and the expiry a
/// rotation gave the secret it replaced.
/// </summary>
public static class SecretRotationAudit
{
    public const string PreviousSecretExpiresAt = "previous_client_secret_expires_at";
    public const string SecretId = "secret_id";
    public const string ExpiresAt = "expires_at";

    public static IReadOnlyList<AuditChange> Changes(SecretRotation rotation) =>
    [
        new AuditChange(Names.ClientSecret, null, null),
        new AuditChange(SecretId, null, JsonSerializer.SerializeToElement(rotation.Issued!.Secret.Id)),
        new AuditChange(PreviousSecretExpiresAt, null,
            rotation.Replaced?.ExpiresAt is { } ends ? JsonSerializer.SerializeToElement(ends.ToUnixTimeMilliseconds()) : null),
    ];

    /// <summary>A secret added beside the others (<c>secret_added</c>): its id and expiry.</summary>
    public static IReadOnlyList<AuditChange> Added(ClientSecret secret) =>
    [
        new AuditChange(Names.ClientSecret, null, null),
        new AuditChange(SecretId, null, JsonSerializer.SerializeToElement(secret.Id)),
        new AuditChange(ExpiresAt, null, secret.ExpiresAt is { } ends ? JsonSerializer.SerializeToElement(ends.ToUnixTimeMilliseconds()) : null),
    ];

    /// <summary>A secret past its expiry, taken out of the set (<c>secret_expired</c>): its id, and the expiry it reached.</summary>
    public static IReadOnlyList<AuditChange> Expired(ClientSecret secret) =>
    [
        new AuditChange(SecretId, JsonSerializer.SerializeToElement(secret.Id), null),
        new AuditChange(ExpiresAt, JsonSerializer.SerializeToElement(secret.ExpiresAt!.Value.ToUnixTimeMilliseconds()), null),
    ];

    /// <summary>A secret retired now (<c>secret_retired</c>): its id.</summary>
    public static IReadOnlyList<AuditChange> Retired(string secretId) =>
        [new AuditChange(SecretId, JsonSerializer.SerializeToElement(secretId), null)];
}
