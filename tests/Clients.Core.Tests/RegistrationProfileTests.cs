using ClientPlatform.Clients.Core.Registration;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>Issue 35: the fapi2-security profile judges a key without "alg" by the algorithms its type and curve allow.</summary>
public sealed class RegistrationProfileTests
{
    private const string Compliant = "\"token_endpoint_auth_method\":\"private_key_jwt\",\"require_pushed_authorization_requests\":true," +
                                     "\"tls_client_certificate_bound_access_tokens\":true,\"id_token_signed_response_alg\":\"ES256\"";

    [Theory]
    [InlineData("""{"kty":"RSA","n":"sXch","e":"AQAB"}""", null)]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"f83O","y":"x_FE"}""", null)]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qY"}""", null)]
    [InlineData("""{"kty":"EC","crv":"P-384","x":"f83O","y":"x_FE"}""", "jwks: keys[0] (EC P-384) is not usable with PS256, ES256, EdDSA under the registration profile fapi2-security")]
    [InlineData("""{"kty":"RSA","alg":"RS256","n":"sXch","e":"AQAB"}""", "jwks: keys[0] (RS256) is not usable with PS256, ES256, EdDSA under the registration profile fapi2-security")]
    public void AKey_IsJudgedByItsAlg_OrByItsTypeAndCurve(string key, string? problem)
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With($$"""{{Compliant}},"jwks":{"keys":[{{key}}]}""")));

        Assert.Equal(problem, RegistrationProfiles.Fapi2Security.Check(metadata)?.Description);
    }

    [Fact]
    public void WithoutSenderConstrainedTokens_IsRefused_NamingBothWaysToBindThem()
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With(Compliant.Replace("\"tls_client_certificate_bound_access_tokens\":true", "\"dpop_bound_access_tokens\":false")
            + ",\"jwks_uri\":\"https://bank.example.org/jwks\"")));

        Assert.Equal("dpop_bound_access_tokens: sender-constrained access tokens are required: set it or tls_client_certificate_bound_access_tokens to true (RFC 9449, RFC 8705) under the registration profile fapi2-security",
            RegistrationProfiles.Fapi2Security.Check(metadata)?.Description);
    }
}
