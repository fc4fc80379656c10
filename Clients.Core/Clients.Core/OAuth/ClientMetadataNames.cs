namespace ClientPlatform.Clients.Core.OAuth;

/// <summary>Client metadata wire names (RFC 7591 §2, §3.2.1; RFC 7592 §3; OpenID Connect Registration §2; seed 004).</summary>
public static class ClientMetadataNames
{
    public const string RedirectUris = "redirect_uris";
    public const string PostLogoutRedirectUris = "post_logout_redirect_uris";
    public const string TokenEndpointAuthMethod = "token_endpoint_auth_method";
    public const string GrantTypes = "grant_types";
    public const string ResponseTypes = "response_types";
    public const string ClientName = "client_name";
    public const string ClientUri = "client_uri";
    public const string LogoUri = "logo_uri";
    public const string Scope = "scope";
    public const string Contacts = "contacts";
    public const string TosUri = "tos_uri";
    public const string PolicyUri = "policy_uri";
    public const string JwksUri = "jwks_uri";
    public const string Jwks = "jwks";
    public const string SoftwareId = "software_id";
    public const string SoftwareVersion = "software_version";
    public const string SoftwareStatement = "software_statement";
    public const string ApplicationType = "application_type";
    public const string SubjectType = "subject_type";
    public const string SectorIdentifierUri = "sector_identifier_uri";
    public const string IdTokenSignedResponseAlg = "id_token_signed_response_alg";
    public const string RequireAuthTime = "require_auth_time";
    public const string DefaultMaxAge = "default_max_age";
    public const string RequirePushedAuthorizationRequests = "require_pushed_authorization_requests";

    // Sender-constrained tokens and mutual TLS (RFC 9449 §5.2, RFC 8705 §2.1.2, §3.4), rich authorization (RFC 9396 §10).
    public const string DpopBoundAccessTokens = "dpop_bound_access_tokens";
    public const string TlsClientCertificateBoundAccessTokens = "tls_client_certificate_bound_access_tokens";
    public const string TlsClientAuthSubjectDn = "tls_client_auth_subject_dn";
    public const string TlsClientAuthSanDns = "tls_client_auth_san_dns";
    public const string TlsClientAuthSanUri = "tls_client_auth_san_uri";
    public const string TlsClientAuthSanIp = "tls_client_auth_san_ip";
    public const string TlsClientAuthSanEmail = "tls_client_auth_san_email";
    public const string AuthorizationDetailsTypes = "authorization_details_types";

    /// <summary>RFC 8705 §2.1.2: a tls_client_auth client names its certificate's subject by exactly one of these.</summary>
    public static readonly IReadOnlyList<string> TlsClientAuthSubjects =
        [TlsClientAuthSubjectDn, TlsClientAuthSanDns, TlsClientAuthSanUri, TlsClientAuthSanIp, TlsClientAuthSanEmail];

    // Admin-only (seed 004): never read from /register.
    public const string IsTrusted = "is_trusted";
    public const string SkipConsent = "skip_consent";
    public const string AllowClaimsWithoutScope = "allow_claims_without_scope";
    /// <summary>Issue 34: an administrator's client that the lifecycle rule for <c>admin</c> applies to.</summary>
    public const string LifecycleManaged = "lifecycle_managed";

    // Server-assigned (RFC 7591 §3.2.1, RFC 7592 §3).
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string ClientIdIssuedAt = "client_id_issued_at";
    public const string ClientSecretExpiresAt = "client_secret_expires_at";
    public const string RegistrationAccessToken = "registration_access_token";
    public const string RegistrationClientUri = "registration_client_uri";

    /// <summary>Human-readable fields that may carry a language tag (RFC 7591 §2.2): <c>client_name#fr</c>.</summary>
    public static readonly IReadOnlyList<string> Localizable = [ClientName, ClientUri, LogoUri, TosUri, PolicyUri];
}
