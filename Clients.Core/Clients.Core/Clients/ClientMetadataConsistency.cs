using ClientPlatform.Clients.Core.OAuth;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// The rules between members (RFC 7591 §2, §2.1, §5): checked on the whole metadata, after defaults, so an
/// update that removes something another member needs is refused like a registration would be.
/// Inconsistent values are rejected, never rewritten (design.md §7).
/// </summary>
internal static class ClientMetadataConsistency
{
    public static MetadataError? Check(ClientMetadata m) =>
        GrantTypesError(m) ?? ResponseTypesError(m) ?? RedirectUrisError(m) ?? AuthMethodError(m)
        ?? (MutualTlsRules.Check(m) is { } mutualTls ? Metadata(mutualTls) : null);

    private static MetadataError? GrantTypesError(ClientMetadata m)
    {
        if (m.GrantTypes.Count == 0)
            return Metadata($"{Names.GrantTypes}: must not be empty (omit it for the default, authorization_code)");
        if (m.GrantTypes.FirstOrDefault(g => !GrantTypes.Supported.Contains(g)) is { } unsupported)
            return Metadata(unsupported is GrantTypes.Implicit or GrantTypes.Password
                ? $"{Names.GrantTypes}: '{unsupported}' is not allowed (OAuth 2.0 Security BCP, RFC 9700)"
                : $"{Names.GrantTypes}: '{unsupported}' is not supported; supported are {string.Join(", ", GrantTypes.Supported)}");
        if (m.GrantTypes.Contains(GrantTypes.RefreshToken) && !m.GrantTypes.Any(GrantTypes.IssuingRefreshTokens.Contains))
            return Metadata($"{Names.GrantTypes}: refresh_token needs a grant that issues refresh tokens (authorization_code or device_code)");
        return null;
    }

    // RFC 7591 §2.1: authorization_code ⇔ code; the other grants use no response type.
    private static MetadataError? ResponseTypesError(ClientMetadata m)
    {
        if (m.ResponseTypes.FirstOrDefault(r => !ResponseTypes.Supported.Contains(r)) is { } unsupported)
            return Metadata($"{Names.ResponseTypes}: '{unsupported}' is not supported; supported is code");
        var usesCode = m.GrantTypes.Contains(GrantTypes.AuthorizationCode);
        var hasCode = m.ResponseTypes.Contains(ResponseTypes.Code);
        if (usesCode && !hasCode)
            return Metadata($"{Names.ResponseTypes}: the authorization_code grant needs the response type code (RFC 7591 §2.1)");
        if (hasCode && !usesCode)
            return Metadata($"{Names.ResponseTypes}: code needs the authorization_code grant in {Names.GrantTypes} (RFC 7591 §2.1)");
        return null;
    }

    private static MetadataError? RedirectUrisError(ClientMetadata m) =>
        m.RedirectUris.Count == 0 && m.GrantTypes.Any(GrantTypes.RedirectBased.Contains)
            ? new MetadataError(OAuthErrors.InvalidRedirectUri, $"{Names.RedirectUris}: required for the authorization_code grant (RFC 7591 §5)")
            : null;

    private static MetadataError? AuthMethodError(ClientMetadata m)
    {
        if (!AuthMethods.Supported.Contains(m.TokenEndpointAuthMethod))
            return Metadata($"{Names.TokenEndpointAuthMethod}: '{m.TokenEndpointAuthMethod}' is not supported; supported are {string.Join(", ", AuthMethods.Supported)}");
        if (m.JwksUri is not null && m.Jwks is not null)
            return Metadata($"{Names.Jwks} and {Names.JwksUri} must not both be present (RFC 7591 §2)");
        if (m.TokenEndpointAuthMethod == AuthMethods.PrivateKeyJwt && m.JwksUri is null && m.Jwks is null)
            return Metadata($"{Names.TokenEndpointAuthMethod}: private_key_jwt needs {Names.Jwks} or {Names.JwksUri}");
        // RFC 6749 §4.4: the client credentials grant is for confidential clients only.
        if (m.TokenEndpointAuthMethod == AuthMethods.None && m.GrantTypes.Contains(GrantTypes.ClientCredentials))
            return Metadata($"{Names.GrantTypes}: client_credentials needs a confidential client, not token_endpoint_auth_method none");
        return null;
    }

    private static MetadataError Metadata(string description) => new(OAuthErrors.InvalidClientMetadata, description);
}
