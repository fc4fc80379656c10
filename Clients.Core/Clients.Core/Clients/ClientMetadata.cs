namespace ClientPlatform.Clients.Core;

/// <summary>
/// Client metadata that passed every rule, with RFC 7591 §2 defaults filled in for what was omitted.
/// Values sent are kept exactly as sent (never normalised), so they echo byte for byte.
/// </summary>
public sealed record ClientMetadata
{
    public IReadOnlyList<string> RedirectUris { get; init; } = [];
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];
    public string TokenEndpointAuthMethod { get; init; } = OAuth.AuthMethods.ClientSecretBasic;
    public IReadOnlyList<string> GrantTypes { get; init; } = [OAuth.GrantTypes.AuthorizationCode];
    public IReadOnlyList<string> ResponseTypes { get; init; } = [OAuth.ResponseTypes.Code];
    public string? ClientName { get; init; }
    public string? ClientUri { get; init; }
    public string? LogoUri { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<string> Contacts { get; init; } = [];
    public string? TosUri { get; init; }
    public string? PolicyUri { get; init; }
    public string? JwksUri { get; init; }

    /// <summary>The JWK Set as the JSON text that was sent.</summary>
    public string? Jwks { get; init; }
    public string? SoftwareId { get; init; }
    public string? SoftwareVersion { get; init; }

    /// <summary>Language-tagged values by their full member name, e.g. <c>client_name#fr</c>.</summary>
    public IReadOnlyDictionary<string, string> Localized { get; init; } = new Dictionary<string, string>();

    public string ApplicationType { get; init; } = "web";
    public string SubjectType { get; init; } = "public";
    public string? SectorIdentifierUri { get; init; }
    public string IdTokenSignedResponseAlg { get; init; } = "RS256";
    public bool RequireAuthTime { get; init; }
    public int? DefaultMaxAge { get; init; }
    public bool RequirePushedAuthorizationRequests { get; init; }

    // RFC 9449 §5.2, RFC 8705 §3.4: the client's access tokens are bound to its DPoP key or its TLS certificate.
    public bool DpopBoundAccessTokens { get; init; }
    public bool TlsClientCertificateBoundAccessTokens { get; init; }

    // RFC 8705 §2.1.2: the subject of a tls_client_auth client's certificate, by exactly one of these.
    public string? TlsClientAuthSubjectDn { get; init; }
    public string? TlsClientAuthSanDns { get; init; }
    public string? TlsClientAuthSanUri { get; init; }
    public string? TlsClientAuthSanIp { get; init; }
    public string? TlsClientAuthSanEmail { get; init; }

    /// <summary>RFC 9396 §10: the authorization details types the client may use.</summary>
    public IReadOnlyList<string> AuthorizationDetailsTypes { get; init; } = [];

    // Admin-only: the registration API never reads them from a request.
    public bool IsTrusted { get; init; }
    public bool SkipConsent { get; init; }
    public bool AllowClaimsWithoutScope { get; init; }
    public bool LifecycleManaged { get; init; }

    /// <summary>Whether the server issues (and keeps the hash of) a client secret for this client.</summary>
    public bool IsConfidentialWithSecret => OAuth.AuthMethods.UsesSecret(TokenEndpointAuthMethod);
}
