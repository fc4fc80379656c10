using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClientPlatform.Clients.Core.OAuth;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>
/// Issue 35, sender-constrained clients: the RFC 9449 and RFC 8705 members, and RFC 9396's authorization_details_types,
/// as the one rule set both APIs apply reads them.
/// </summary>
public sealed class MutualTlsMetadataTests
{
    private const string TlsAuth = "\"token_endpoint_auth_method\":\"tls_client_auth\"";

    [Fact]
    public void TlsClientAuth_WithOneSubject_AndTheBindingMembers_IsKeptAsSent()
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With(TlsAuth + """
            ,"tls_client_auth_san_dns":"client.example.org","tls_client_certificate_bound_access_tokens":true,
            "dpop_bound_access_tokens":true,"require_pushed_authorization_requests":true,
            "authorization_details_types":["payment_initiation","account_information"]
            """)));

        Assert.Equal(("client.example.org", true, true, true), (metadata.TlsClientAuthSanDns, metadata.TlsClientCertificateBoundAccessTokens,
            metadata.DpopBoundAccessTokens, metadata.RequirePushedAuthorizationRequests));
        Assert.Equal(["payment_initiation", "account_information"], metadata.AuthorizationDetailsTypes);
        Assert.False(metadata.IsConfidentialWithSecret);
    }

    [Theory]
    [InlineData(TlsAuth, "token_endpoint_auth_method: tls_client_auth needs exactly one of tls_client_auth_subject_dn, tls_client_auth_san_dns, tls_client_auth_san_uri, tls_client_auth_san_ip, tls_client_auth_san_email (RFC 8705 §2.1.2)")]
    [InlineData(TlsAuth + ",\"tls_client_auth_san_dns\":\"a.example.org\",\"tls_client_auth_san_email\":\"ops@example.org\"",
        "tls_client_auth_san_dns, tls_client_auth_san_email: a tls_client_auth client names its certificate's subject by exactly one of them (RFC 8705 §2.1.2)")]
    [InlineData("\"tls_client_auth_subject_dn\":\"CN=client\"", "tls_client_auth_subject_dn: only for token_endpoint_auth_method tls_client_auth (RFC 8705 §2.1.2)")]
    [InlineData(TlsAuth + ",\"tls_client_auth_san_ip\":\"1\"", "tls_client_auth_san_ip: must be an IPv4 address in dotted decimal or an IPv6 address (iPAddress)")]
    [InlineData(TlsAuth + ",\"tls_client_auth_san_dns\":\"not a host\"", "tls_client_auth_san_dns: must be a DNS name (dNSName)")]
    [InlineData(TlsAuth + ",\"tls_client_auth_san_email\":\"Ops <ops@example.org>\"", "tls_client_auth_san_email: must be an e-mail address (rfc822Name)")]
    [InlineData(TlsAuth + ",\"tls_client_auth_subject_dn\":\"no equals sign\"", "tls_client_auth_subject_dn: must be a distinguished name (RFC 4514), e.g. CN=client.example.com,O=Example")]
    [InlineData("\"token_endpoint_auth_method\":\"self_signed_tls_client_auth\"", "token_endpoint_auth_method: self_signed_tls_client_auth needs jwks or jwks_uri holding the client's certificates (RFC 8705 §2.2.2)")]
    [InlineData("\"dpop_bound_access_tokens\":\"yes\"", "dpop_bound_access_tokens: must be true or false")]
    [InlineData("\"authorization_details_types\":[\"payment_initiation\",\" \"]", "authorization_details_types[1]: must not be empty")]
    public void AMemberThatBreaksTheRules_IsRefused_NamingIt(string members, string description)
    {
        var error = Metadata.Invalid(Metadata.Register(Metadata.With(members)), OAuthErrors.InvalidClientMetadata);

        Assert.Equal(description, error.Description);
    }

    [Fact]
    public void SelfSigned_NeedsEveryKeyToCarryItsCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        using var certificate = new CertificateRequest("CN=self-signed client", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        string Jwk(bool withCertificate) =>
            $$"""{"kty":"EC","crv":"P-256","x":"{{Base64Url.EncodeToString(point.X)}}","y":"{{Base64Url.EncodeToString(point.Y)}}"{{(withCertificate ? $",\"x5c\":[\"{Convert.ToBase64String(certificate.RawData)}\"]" : "")}}}""";
        string Registering(string keys) => Metadata.With($$"""
            "token_endpoint_auth_method":"self_signed_tls_client_auth","jwks":{"keys":[{{keys}}]}
            """);

        var accepted = Metadata.Valid(Metadata.Register(Registering(Jwk(withCertificate: true))));
        var refused = Metadata.Invalid(Metadata.Register(Registering($"{Jwk(withCertificate: true)},{Jwk(withCertificate: false)}")), OAuthErrors.InvalidClientMetadata);

        Assert.Equal(AuthMethods.SelfSignedTlsClientAuth, accepted.TokenEndpointAuthMethod);
        Assert.Equal("jwks: every key must carry its certificate in x5c for self_signed_tls_client_auth (RFC 8705 §2.2.2)", refused.Description);
    }

    [Fact]
    public void AMergePatchRemovingTheSubject_IsRefusedLikeARegistration_AndOneSwappingIt_IsAccepted()
    {
        var current = Metadata.Valid(Metadata.Admin(Metadata.With(TlsAuth + ",\"tls_client_auth_subject_dn\":\"CN=client.example.org,O=Example\"")));
        MetadataResult Patched(string patch) => ClientMetadataValidator.Validate(
            Metadata.Parse(JsonMergePatch.Apply(ClientMetadataJson.Document(current), Metadata.Parse(patch))!.ToJsonString()), MetadataSource.Admin);

        var removed = Metadata.Invalid(Patched("""{"tls_client_auth_subject_dn":null}"""), OAuthErrors.InvalidClientMetadata);
        var swapped = Metadata.Valid(Patched("""{"tls_client_auth_subject_dn":null,"tls_client_auth_san_uri":"spiffe://example.org/client"}"""));

        Assert.StartsWith("token_endpoint_auth_method: tls_client_auth needs exactly one of", removed.Description);
        Assert.Equal((null, "spiffe://example.org/client"), (swapped.TlsClientAuthSubjectDn, swapped.TlsClientAuthSanUri));
    }
}
