using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// Client metadata on the wire (RFC 7591 §2, OpenID Connect Registration §2, seed 004): the members both APIs answer
/// with and document, named, limited and valued from the same constants <see cref="ClientMetadataValidator"/> enforces.
/// Requests are read as raw JSON by that validator (RFC 7591 §3.2.2 names the first bad member in document order);
/// this type describes them. A list or value that is unset is null; an API that omits unset members says so in its
/// serializer options.
/// </summary>
public record ClientMetadataDocument
{
    [JsonPropertyName(Names.RedirectUris), MaxLength(ClientLimits.MaxRedirectUris)]
    [Description("Redirection URIs (RFC 7591 §2): absolute, no fragment; https, a loopback http URI, or a private-use scheme for native clients.")]
    public IReadOnlyList<string>? RedirectUris { get; init; }

    [JsonPropertyName(Names.TokenEndpointAuthMethod), AuthMethodValues]
    [Description("How the client authenticates at the token endpoint (RFC 7591 §2). Default client_secret_basic.")]
    public string? TokenEndpointAuthMethod { get; init; }

    [JsonPropertyName(Names.GrantTypes), MaxLength(ClientLimits.MaxGrantTypes), GrantTypeValues]
    [Description("Grant types (RFC 7591 §2); implicit and password are refused (RFC 9700). Default [\"authorization_code\"].")]
    public IReadOnlyList<string>? GrantTypes { get; init; }

    [JsonPropertyName(Names.ResponseTypes), MaxLength(ClientLimits.MaxGrantTypes), ResponseTypeValues]
    [Description("Response types (RFC 7591 §2), consistent with grant_types. Default [\"code\"].")]
    public IReadOnlyList<string>? ResponseTypes { get; init; }

    [JsonPropertyName(Names.ClientName), MaxLength(ClientLimits.NameMaxLength)]
    [Description("Human-readable name (RFC 7591 §2); client_name#<language tag> gives a translation (§2.2).")]
    public string? ClientName { get; init; }

    [JsonPropertyName(Names.ClientUri), MaxLength(ClientLimits.UriMaxLength), Url]
    [Description("Web page of the client (http or https).")]
    public string? ClientUri { get; init; }

    [JsonPropertyName(Names.LogoUri), MaxLength(ClientLimits.UriMaxLength), Url]
    [Description("Logo of the client (http or https).")]
    public string? LogoUri { get; init; }

    [JsonPropertyName(Names.Scope), MaxLength(ClientLimits.ScopeMaxLength)]
    [Description("Space-separated scope tokens the client may ask for (RFC 6749 §3.3).")]
    public string? Scope { get; init; }

    [JsonPropertyName(Names.Contacts), MaxLength(ClientLimits.MaxContacts)]
    [Description("People responsible for the client, usually e-mail addresses.")]
    public IReadOnlyList<string>? Contacts { get; init; }

    [JsonPropertyName(Names.TosUri), MaxLength(ClientLimits.UriMaxLength), Url]
    [Description("Terms of service (http or https).")]
    public string? TosUri { get; init; }

    [JsonPropertyName(Names.PolicyUri), MaxLength(ClientLimits.UriMaxLength), Url]
    [Description("Privacy policy (http or https).")]
    public string? PolicyUri { get; init; }

    [JsonPropertyName(Names.JwksUri), MaxLength(ClientLimits.UriMaxLength), Url]
    [Description("URL of the client's JWK Set (https); not together with jwks (RFC 7591 §2).")]
    public string? JwksUri { get; init; }

    [JsonPropertyName(Names.Jwks)]
    [Description("The client's JWK Set by value (RFC 7517): public keys only, at most 20; not together with jwks_uri.")]
    public JsonElement? Jwks { get; init; }

    [JsonPropertyName(Names.SoftwareId), MaxLength(ClientLimits.ShortValueMaxLength)]
    [Description("Identifier of the software, the same for every instance (RFC 7591 §2).")]
    public string? SoftwareId { get; init; }

    [JsonPropertyName(Names.SoftwareVersion), MaxLength(ClientLimits.ShortValueMaxLength)]
    [Description("Version of the software (RFC 7591 §2).")]
    public string? SoftwareVersion { get; init; }

    [JsonPropertyName(Names.PostLogoutRedirectUris), MaxLength(ClientLimits.MaxRedirectUris)]
    [Description("Where the user agent may go after logout (OpenID Connect RP-Initiated Logout).")]
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }

    [JsonPropertyName(Names.ApplicationType), ApplicationTypeValues]
    [Description("OpenID Connect Registration §2. Default web.")]
    public string? ApplicationType { get; init; }

    [JsonPropertyName(Names.SubjectType), SubjectTypeValues]
    [Description("OpenID Connect Registration §2.")]
    public string? SubjectType { get; init; }

    [JsonPropertyName(Names.SectorIdentifierUri), MaxLength(ClientLimits.UriMaxLength), Url]
    [Description("https URL of the redirect URIs a pairwise subject is computed over (OpenID Connect Registration §2).")]
    public string? SectorIdentifierUri { get; init; }

    [JsonPropertyName(Names.IdTokenSignedResponseAlg), SigningAlgorithmValues]
    [Description("JWS algorithm of the ID tokens for this client.")]
    public string? IdTokenSignedResponseAlg { get; init; }

    [JsonPropertyName(Names.RequireAuthTime)]
    [Description("Whether ID tokens must carry auth_time.")]
    public bool? RequireAuthTime { get; init; }

    [JsonPropertyName(Names.DefaultMaxAge), Range(0, ClientLimits.MaxDefaultMaxAgeSeconds)]
    [Description("Default maximum authentication age, in seconds.")]
    public int? DefaultMaxAge { get; init; }

    [JsonPropertyName(Names.RequirePushedAuthorizationRequests)]
    [Description("Whether authorization requests must be pushed (RFC 9126 §6).")]
    public bool? RequirePushedAuthorizationRequests { get; init; }

    [JsonPropertyName(Names.DpopBoundAccessTokens)]
    [Description("Whether the client's access tokens are always bound to its DPoP key (RFC 9449 §5.2). Default false.")]
    public bool? DpopBoundAccessTokens { get; init; }

    [JsonPropertyName(Names.TlsClientCertificateBoundAccessTokens)]
    [Description("Whether the client's access tokens are bound to its TLS client certificate (RFC 8705 §3.4). Default false.")]
    public bool? TlsClientCertificateBoundAccessTokens { get; init; }

    [JsonPropertyName(Names.TlsClientAuthSubjectDn), MaxLength(ClientLimits.UriMaxLength)]
    [Description("tls_client_auth: the subject distinguished name of the client's certificate (RFC 8705 §2.1.2); exactly one tls_client_auth_* member.")]
    public string? TlsClientAuthSubjectDn { get; init; }

    [JsonPropertyName(Names.TlsClientAuthSanDns), MaxLength(ClientLimits.UriMaxLength)]
    [Description("tls_client_auth: a dNSName subject alternative name of the client's certificate (RFC 8705 §2.1.2).")]
    public string? TlsClientAuthSanDns { get; init; }

    [JsonPropertyName(Names.TlsClientAuthSanUri), MaxLength(ClientLimits.UriMaxLength)]
    [Description("tls_client_auth: a uniformResourceIdentifier subject alternative name (RFC 8705 §2.1.2).")]
    public string? TlsClientAuthSanUri { get; init; }

    [JsonPropertyName(Names.TlsClientAuthSanIp), MaxLength(ClientLimits.UriMaxLength)]
    [Description("tls_client_auth: an iPAddress subject alternative name, IPv4 dotted decimal or IPv6 (RFC 8705 §2.1.2).")]
    public string? TlsClientAuthSanIp { get; init; }

    [JsonPropertyName(Names.TlsClientAuthSanEmail), MaxLength(ClientLimits.UriMaxLength)]
    [Description("tls_client_auth: an rfc822Name subject alternative name (RFC 8705 §2.1.2).")]
    public string? TlsClientAuthSanEmail { get; init; }

    [JsonPropertyName(Names.AuthorizationDetailsTypes), MaxLength(ClientLimits.MaxAuthorizationDetailsTypes)]
    [Description("The authorization_details types the client may use (RFC 9396 §10).")]
    public IReadOnlyList<string>? AuthorizationDetailsTypes { get; init; }

    /// <summary>RFC 7591 §2.2: <c>client_name#fr</c> and the like, as given (settable: extension data cannot be init-only).</summary>
    [JsonExtensionData, LocalizedMembers]
    public IDictionary<string, JsonElement>? Localized { get; set; }

    /// <summary>Every member of <paramref name="m"/>; the lists a client need not give are null when empty.</summary>
    public static ClientMetadataDocument From(ClientMetadata m) => new()
    {
        RedirectUris = m.RedirectUris,
        TokenEndpointAuthMethod = m.TokenEndpointAuthMethod,
        GrantTypes = m.GrantTypes,
        ResponseTypes = m.ResponseTypes,
        ClientName = m.ClientName,
        ClientUri = m.ClientUri,
        LogoUri = m.LogoUri,
        Scope = m.Scope,
        Contacts = m.Contacts.Count > 0 ? m.Contacts : null,
        TosUri = m.TosUri,
        PolicyUri = m.PolicyUri,
        JwksUri = m.JwksUri,
        Jwks = m.Jwks is null ? null : JsonElement.Parse(m.Jwks),
        SoftwareId = m.SoftwareId,
        SoftwareVersion = m.SoftwareVersion,
        PostLogoutRedirectUris = m.PostLogoutRedirectUris.Count > 0 ? m.PostLogoutRedirectUris : null,
        ApplicationType = m.ApplicationType,
        SubjectType = m.SubjectType,
        SectorIdentifierUri = m.SectorIdentifierUri,
        IdTokenSignedResponseAlg = m.IdTokenSignedResponseAlg,
        RequireAuthTime = m.RequireAuthTime,
        DefaultMaxAge = m.DefaultMaxAge,
        RequirePushedAuthorizationRequests = m.RequirePushedAuthorizationRequests,
        DpopBoundAccessTokens = m.DpopBoundAccessTokens,
        TlsClientCertificateBoundAccessTokens = m.TlsClientCertificateBoundAccessTokens,
        TlsClientAuthSubjectDn = m.TlsClientAuthSubjectDn,
        TlsClientAuthSanDns = m.TlsClientAuthSanDns,
        TlsClientAuthSanUri = m.TlsClientAuthSanUri,
        TlsClientAuthSanIp = m.TlsClientAuthSanIp,
        TlsClientAuthSanEmail = m.TlsClientAuthSanEmail,
        AuthorizationDetailsTypes = m.AuthorizationDetailsTypes.Count > 0 ? m.AuthorizationDetailsTypes : null,
        Localized = m.Localized.Count == 0 ? null
            : m.Localized.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => JsonSerializer.SerializeToElement(l.Value)),
    };
}

/// <summary>
/// What a registration sends (RFC 7591 §3.1), to POST /register or the admin API: read as raw JSON by the metadata
/// rules (RFC 7591 §3.2.2: the first bad member in document order), described by this type.
/// </summary>
[Description("Client metadata to register (RFC 7591 §2, §3.1). Unknown members are ignored.")]
[WireExample("""
    {"redirect_uris": ["https://app.example.com/callback"], "client_name": "Example App", "client_name#fr": "Application exemple",
     "grant_types": ["authorization_code", "refresh_token"], "token_endpoint_auth_method": "client_secret_basic",
     "scope": "openid profile", "contacts": ["ops@example.com"]}
    """)]
public record ClientMetadataRequest : ClientMetadataDocument
{
    [JsonPropertyName(Names.SoftwareStatement), MaxLength(ClientLimits.SoftwareStatementMaxLength)]
    [Description("A signed JWT of metadata from a trusted issuer (RFC 7591 §2.3); its claims win over the request's.")]
    public string? SoftwareStatement { get; init; }
}
