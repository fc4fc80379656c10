using System.Text.Json;
using ClientPlatform.Clients.Core.OAuth;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// A named set of rules a registration must satisfy beyond RFC 7591's (issue 35), as a regulated deployment needs: the
/// allowed auth methods, grants and signing algorithms, and what must be required. A client registered under one keeps
/// its name (<see cref="Client.RegistrationProfile"/>) and is held to it for life: every change it makes itself is checked
/// again, as an initial access token's policy is (design.md §3). Refusals are RFC 7591 §3.2.2 errors naming the member
/// and the profile.
/// </summary>
public sealed record RegistrationProfile(
    string Name,
    IReadOnlyList<string> AuthMethods,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> SigningAlgorithms,
    bool RequirePushedAuthorizationRequests,
    bool RequireSenderConstrainedTokens)
{
    /// <summary>The first rule <paramref name="m"/> breaks, or null.</summary>
    public MetadataError? Check(ClientMetadata m)
    {
        if (!AuthMethods.Contains(m.TokenEndpointAuthMethod))
            return Refused(Names.TokenEndpointAuthMethod, $"'{m.TokenEndpointAuthMethod}' is not allowed; allowed are {string.Join(", ", AuthMethods)}");
        if (m.GrantTypes.FirstOrDefault(g => !GrantTypes.Contains(g)) is { } grant)
            return Refused(Names.GrantTypes, $"'{grant}' is not allowed; allowed are {string.Join(", ", GrantTypes)}");
        if (RequirePushedAuthorizationRequests && !m.RequirePushedAuthorizationRequests)
            return Refused(Names.RequirePushedAuthorizationRequests, "must be true (RFC 9126 §6)");
        if (RequireSenderConstrainedTokens && !m.DpopBoundAccessTokens && !m.TlsClientCertificateBoundAccessTokens)
            return Refused(Names.DpopBoundAccessTokens, $"sender-constrained access tokens are required: set it or {Names.TlsClientCertificateBoundAccessTokens} to true (RFC 9449, RFC 8705)");
        if (!SigningAlgorithms.Contains(m.IdTokenSignedResponseAlg))
            return Refused(Names.IdTokenSignedResponseAlg, $"'{m.IdTokenSignedResponseAlg}' is not allowed; set one of {string.Join(", ", SigningAlgorithms)}");
        if (m.Jwks is not null && KeyProblem(m.Jwks) is { } key)
            return Refused(Names.Jwks, key);
        return null;
    }

    private MetadataError Refused(string member, string problem) =>
        new(OAuthErrors.InvalidClientMetadata, $"{member}: {problem} under the registration profile {Name}");

    // A key must be usable with an allowed algorithm: its "alg" one of them, or, without one, a key type and curve that
    // one of them uses (RSA for PS256, P-256 for ES256, Ed25519 for EdDSA).
    private string? KeyProblem(string jwks)
    {
        using var set = JsonDocument.Parse(jwks);
        var index = 0;
        foreach (var key in set.RootElement.GetProperty("keys").EnumerateArray())
        {
            var alg = key.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var kty = key.TryGetProperty("kty", out var k) ? k.GetString() : null;
            var crv = key.TryGetProperty("crv", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var usable = alg is not null
                ? SigningAlgorithms.Contains(alg)
                : (kty, crv) switch
                {
                    ("RSA", _) => SigningAlgorithms.Contains("PS256"),
                    ("EC", "P-256") => SigningAlgorithms.Contains("ES256"),
                    ("OKP", "Ed25519") => SigningAlgorithms.Contains("EdDSA"),
                    _ => false,
                };
            if (!usable)
                return $"keys[{index}] ({alg ?? $"{kty} {crv}".Trim()}) is not usable with {string.Join(", ", SigningAlgorithms)}";
            index++;
        }
        return null;
    }
}

/// <summary>The registration profiles this platform ships (issue 35).</summary>
public static class RegistrationProfiles
{
    public const string Fapi2SecurityName = "fapi2-security";

    /// <summary>
    /// FAPI 2.0 Security Profile (final): clients authenticate with <c>private_key_jwt</c> or mutual TLS, push their
    /// authorization requests (PAR, RFC 9126), get sender-constrained access tokens (DPoP, RFC 9449, or mTLS, RFC 8705),
    /// and sign with PS256, ES256 or EdDSA only.
    /// </summary>
    public static RegistrationProfile Fapi2Security { get; } = new(
        Fapi2SecurityName,
        [OAuth.AuthMethods.PrivateKeyJwt, OAuth.AuthMethods.TlsClientAuth, OAuth.AuthMethods.SelfSignedTlsClientAuth],
        [OAuth.GrantTypes.AuthorizationCode, OAuth.GrantTypes.RefreshToken, OAuth.GrantTypes.ClientCredentials],
        ["PS256", "ES256", "EdDSA"],
        RequirePushedAuthorizationRequests: true,
        RequireSenderConstrainedTokens: true);

    public static IReadOnlyList<RegistrationProfile> All { get; } = [Fapi2Security];

    /// <summary>The profile of that name, or null.</summary>
    public static RegistrationProfile? Find(string? name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// What binds a client's own changes for life, in one place: the policy of the initial access token it registered
    /// with, then the profile it registered under (design.md §3). The first rule <paramref name="m"/> breaks, or null.
    /// </summary>
    public static MetadataError? CheckBound(Client client, ClientMetadata m) =>
        client.RegistrationPolicy?.Check(m) ?? Find(client.RegistrationProfile)?.Check(m);
}
