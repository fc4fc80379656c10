using System.Text.Json;
using ClientPlatform.Clients.Core.Audit;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>What a rotation's audit event records: the secret named (never shown), and how long the old one lives on.</summary>
public static class SecretRotationAudit
{
    public const string PreviousSecretExpiresAt = "previous_client_secret_expires_at";

    public static IReadOnlyList<AuditChange> Changes(Client rotated) =>
    [
        new AuditChange(Names.ClientSecret, null, null),
        new AuditChange(PreviousSecretExpiresAt, null,
            rotated.PreviousSecretExpiresAt is { } ends ? JsonSerializer.SerializeToElement(ends.ToUnixTimeMilliseconds()) : null),
    ];
}
