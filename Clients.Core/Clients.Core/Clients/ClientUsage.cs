namespace ClientPlatform.Clients.Core;

/// <summary>
/// When a client last proved itself: a secret verified (<c>verify-secret</c>) or its registration read with its
/// registration access token (RFC 7592 §2.1). Its own table, not a column of <c>clients</c>: a use is not a change, so it
/// moves neither the client's version (ETag) nor <c>updated_at</c>. No row: never used.
/// </summary>
public sealed class ClientUsage
{
    public required string ClientId { get; init; }

    public DateTimeOffset LastUsedAt { get; set; }
}
