using ClientPlatform.Clients.Core.Audit;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// A refused request, said once: its status, its error code and description. The answer on the wire (RFC 7591 §3.2.2
/// JSON, with an RFC 6750 §3 challenge where a credential was refused) and the outcome the audit log records are both
/// made from it, so they cannot disagree.
/// </summary>
internal sealed record Refusal(int Status, string Error, string Description)
{
    /// <summary>For a refused credential: the realm of the RFC 6750 challenge the answer carries.</summary>
    public string? Realm { get; init; }

    /// <summary>Whether the challenge names the error: not when no credential was sent at all (RFC 6750 §3.1).</summary>
    public bool ChallengeNamesError { get; init; } = true;

    public OAuthErrorResult Answer => Realm is null
        ? OAuthResults.Error(Status, Error, Description)
        : OAuthResults.Challenge(Status, Realm, ChallengeNamesError ? Error : null, Description);

    public AuditOutcome Outcome => AuditOutcome.Failed(Status, Error);

    /// <summary>400 invalid_request: a body or a request that is not what the RFC asks for.</summary>
    public static Refusal InvalidRequest(string description) => new(StatusCodes.Status400BadRequest, OAuthErrors.InvalidRequest, description);

    /// <summary>412 (RFC 9110 §13.1.1): If-Match names a version the registration no longer has (issue 34).</summary>
    public static Refusal Stale() => new(StatusCodes.Status412PreconditionFailed, OAuthErrors.InvalidRequest,
        "The registration has changed since the If-Match version: read it again (its ETag) and repeat the change.");

    /// <summary>400 with the metadata rule's own error (RFC 7591 §3.2.2).</summary>
    public static Refusal Of(MetadataError error) => new(StatusCodes.Status400BadRequest, error.Error, error.Description);

    /// <summary>403 access_denied: an administrator's lock.</summary>
    public static Refusal AccessDenied(string description) => new(StatusCodes.Status403Forbidden, OAuthErrors.AccessDenied, description);

    /// <summary>A refused credential, answered with its RFC 6750 challenge.</summary>
    public static Refusal Challenge(int status, string realm, string error, string description, bool namesError = true) =>
        new(status, error, description) { Realm = realm, ChallengeNamesError = namesError };
}
