namespace ClientPlatform.Clients.Core.OAuth;

/// <summary>
/// The grant types a client may register. Implicit and password are refused (OAuth 2.0 Security BCP,
/// RFC 9700 §2.1.2 and §2.4): a registry should not hand out what the authorization server must not honour.
/// </summary>
public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
    public const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public const string Implicit = "implicit";
    public const string Password = "password";

    public static readonly IReadOnlySet<string> Supported =
        new HashSet<string>(StringComparer.Ordinal) { AuthorizationCode, RefreshToken, ClientCredentials, DeviceCode, JwtBearer };

    /// <summary>Grants that send the user's browser back to a redirect URI (RFC 7591 §5).</summary>
    public static readonly IReadOnlySet<string> RedirectBased = new HashSet<string>(StringComparer.Ordinal) { AuthorizationCode };

    /// <summary>Grants that can issue a refresh token, which refresh_token needs beside it.</summary>
    public static readonly IReadOnlySet<string> IssuingRefreshTokens =
        new HashSet<string>(StringComparer.Ordinal) { AuthorizationCode, DeviceCode };
}

/// <summary>Response types (RFC 7591 §2): only the authorization code flow's.</summary>
public static class ResponseTypes
{
    public const string Code = "code";

    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { Code };
}

/// <summary>Token endpoint authentication methods (RFC 7591 §2).</summary>
public static class AuthMethods
{
    public const string None = "none";
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string ClientSecretJwt = "client_secret_jwt";
    public const string PrivateKeyJwt = "private_key_jwt";

    /// <summary>RFC 8705 §2.1: mutual TLS with a certificate from a trusted CA, named by its subject.</summary>
    public const string TlsClientAuth = "tls_client_auth";

    /// <summary>RFC 8705 §2.2: mutual TLS with a self-signed certificate registered in the client's JWK Set.</summary>
    public const string SelfSignedTlsClientAuth = "self_signed_tls_client_auth";

    public static readonly IReadOnlySet<string> Supported =
        new HashSet<string>(StringComparer.Ordinal) { None, ClientSecretBasic, ClientSecretPost, ClientSecretJwt, PrivateKeyJwt, TlsClientAuth, SelfSignedTlsClientAuth };

    /// <summary>Methods that authenticate with a client secret, which the server then issues.</summary>
    public static bool UsesSecret(string method) => method is ClientSecretBasic or ClientSecretPost or ClientSecretJwt;
}
