namespace ClientPlatform.Clients.Core.OAuth;

/// <summary>Error codes of RFC 7591 §3.2.2, RFC 7592 and RFC 6750 §3.1.</summary>
public static class OAuthErrors
{
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
    public const string InvalidSoftwareStatement = "invalid_software_statement";
    public const string UnapprovedSoftwareStatement = "unapproved_software_statement";
    public const string InvalidRequest = "invalid_request";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string AccessDenied = "access_denied";

    /// <summary>Not an RFC code: no RFC names one for HTTP 429; the same word as the audit action.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A dependency (PostgreSQL) could not serve the request in time: retry after Retry-After (RFC 6749 §4.1.2.1's code).</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";
}
