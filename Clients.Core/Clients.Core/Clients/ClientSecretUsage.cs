namespace ClientPlatform.Clients.Core;

/// <summary>
/// When a secret of a client's credential set last proved the client (verify-secret, issue 34): kept beside the client,
/// not in its row, so that recording a use neither changes the client's version (an administrator's concurrent edit
/// would otherwise be refused) nor empties its cache entry. Written at most once a minute per secret and process.
/// </summary>
public sealed class ClientSecretUsage
{
    public required string ClientId { get; init; }

    public required string SecretId { get; init; }

    public DateTimeOffset LastUsedAt { get; set; }
}
