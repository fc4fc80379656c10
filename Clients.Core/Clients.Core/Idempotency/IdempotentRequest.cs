namespace ClientPlatform.Clients.Core.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> a caller sent (draft-ietf-httpapi-idempotency-key-header), kept for
/// <see cref="IdempotencyLimits.Window"/>: claimed by the first request that carried it, then holding that request's
/// answer for a repeat to receive. Found by a hash of the key (never the key), and the answer is encrypted with a key
/// derived from the caller's key: the database alone can neither find a caller's key nor read a secret an answer holds.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>SHA-256 of the route, the caller's credential and the key (<see cref="IdempotencyKeys.Hash"/>).</summary>
    public required byte[] KeyHash { get; init; }

    /// <summary>SHA-256 of the request (method, path and body): the same key with another request is refused (422).</summary>
    public required byte[] Fingerprint { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a repeat stops being answered from here (24 h after the first request).</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The first request's status; null while it is being answered.</summary>
    public int? Status { get; set; }

    /// <summary>The first answer's headers and body, sealed (<see cref="IdempotencyKeys.Seal"/>); null while it is being answered.</summary>
    public byte[]? Answer { get; set; }
}
