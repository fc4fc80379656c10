using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>RFC 7591 §2.3 and §3.1.1: signed software statements from issuers an administrator trusts.</summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class SoftwareStatementTests(ClosedRegistrationPlatform platform)
{
    private readonly ClosedApi _api = new(platform);

    private static readonly Dictionary<string, object> Claims = new()
    {
        ["software_id"] = "4NRB1-0XZABZI9E6-5SM3R",
        ["client_name"] = "Example Statement-based Client",
        ["client_uri"] = "https://client.example.net/",
    };

    [Fact]
    public async Task Statement_SignedByATrustedRsaKey_AcceptedItsClaimsWinAndItIsReturnedAsReceived()
    {
        var statement = StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"));
        var reply = await RegisterWithAsync(statement, clientName: "Name from the request");
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("Example Statement-based Client", reply.String("client_name"));
        Assert.Equal("4NRB1-0XZABZI9E6-5SM3R", reply.String("software_id"));
        Assert.Equal("https://client.example.net/", reply.String("client_uri"));
        Assert.Equal(statement, reply.String("software_statement"));
        // And on read (RFC 7592 §2.1), as it was received.
        var read = await _api.ReadAsync(reply.String("client_id")!, reply.String("registration_access_token")!);
        Assert.Equal(statement, read.String("software_statement"));
    }

    [Fact]
    public async Task Statement_SignedByAnEcKeyFromTheIssuersJwksUri_Accepted()
    {
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.EcIssuer, Claims, StatementKeys.EcCredentials));
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("4NRB1-0XZABZI9E6-5SM3R", reply.String("software_id"));
    }

    [Fact]
    public async Task Statement_PsAlgorithm_Accepted()
    {
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.RsaIssuer, Claims,
            StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1", SecurityAlgorithms.RsaSsaPssSha256)));
        Assert.Equal(HttpStatusCode.Created, reply.Status);
    }

    [Fact]
    public async Task Statement_SignedByAKeyTheIssuerDoesNotHave_InvalidSoftwareStatement()
    {
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Stranger, "rsa-1")));
        AssertRefused(reply, "invalid_software_statement", "signature");
    }

    [Fact]
    public async Task Statement_AlgNone_InvalidSoftwareStatement()
    {
        var reply = await RegisterWithAsync(StatementKeys.Unsigned(StatementKeys.RsaIssuer, """{"software_id":"x"}"""));
        AssertRefused(reply, "invalid_software_statement", "alg");
    }

    [Fact]
    public async Task Statement_Hs256_InvalidSoftwareStatement()
    {
        var hmac = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256);
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, hmac));
        AssertRefused(reply, "invalid_software_statement", "alg 'HS256'");
    }

    [Fact]
    public async Task Statement_Expired_InvalidSoftwareStatement()
    {
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"),
            expires: DateTime.UtcNow.AddHours(-1)));
        AssertRefused(reply, "invalid_software_statement", "expired");
    }

    [Fact]
    public async Task Statement_ClaimsChangedAfterSigning_InvalidSoftwareStatement()
    {
        var statement = StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"));
        var reply = await RegisterWithAsync(StatementKeys.Tampered(statement, claims => claims["client_name"] = "Not what was signed"));
        AssertRefused(reply, "invalid_software_statement", "signature");
    }

    [Fact]
    public async Task Statement_FromAnIssuerNobodyTrusts_UnapprovedSoftwareStatement()
    {
        var reply = await RegisterWithAsync(StatementKeys.Sign("https://unknown.example.org", Claims, StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1")));
        AssertRefused(reply, "unapproved_software_statement", "not trusted");
    }

    [Theory]
    [InlineData("\"not.a-jwt\"")]
    [InlineData("42")]
    public async Task Statement_NotAJws_InvalidSoftwareStatement(string value)
    {
        await TrustIssuersAsync();
        var reply = await _api.RegisterAsync($$"""{"redirect_uris":["https://app.example.com/cb"],"software_statement":{{value}}}""", await _api.AnyTokenAsync());
        AssertRefused(reply, "invalid_software_statement", "software_statement:");
    }

    // Issue 31, item 2: the JOSE header (RFC 7515, RFC 8725).

    [Fact]
    public async Task Statement_CritNamesAnUnknownExtension_InvalidSoftwareStatement()
    {
        var statement = StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"),
            header: new Dictionary<string, object> { ["crit"] = new[] { "urn:example:unknown" }, ["urn:example:unknown"] = true });
        var reply = await RegisterWithAsync(statement);
        AssertRefused(reply, "invalid_software_statement", "crit");
    }

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("dpop+jwt")]
    public async Task Statement_TypedAsAnotherKindOfJwt_InvalidSoftwareStatement(string type)
    {
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"), type: type));
        AssertRefused(reply, "invalid_software_statement", "typ");
    }

    [Fact]
    public async Task Statement_TypedJwt_Accepted()
    {
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"), type: "JWT"));
        Assert.Equal(HttpStatusCode.Created, reply.Status);
    }

    [Fact]
    public async Task Statement_BringingItsOwnKeyInJwkAndJku_KeyNeverUsed()
    {
        // Signed by a stranger who embeds its public key and points at a key set of its own: neither is looked at.
        var header = new Dictionary<string, object>
        {
            ["jwk"] = JsonSerializer.Deserialize<Dictionary<string, object>>(StatementKeys.PublicJwk(StatementKeys.Stranger, "rsa-1").ToJsonString())!,
            ["jku"] = StatementKeys.EcJwksUri,
            ["x5u"] = StatementKeys.EcJwksUri,
        };
        var statement = StatementKeys.Sign(StatementKeys.RsaIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Stranger, "rsa-1"), header: header);
        var reply = await RegisterWithAsync(statement);
        AssertRefused(reply, "invalid_software_statement", "signature");
    }

    [Fact]
    public async Task Statement_FromAnIssuerWithTwoKeys_WithoutKid_InvalidSoftwareStatement()
    {
        var unnamed = new SigningCredentials(new RsaSecurityKey(StatementKeys.Second), SecurityAlgorithms.RsaSha256);
        var reply = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.TwoKeyIssuer, Claims, unnamed));
        AssertRefused(reply, "invalid_software_statement", "kid");
    }

    [Fact]
    public async Task Statement_FromAnIssuerWithTwoKeys_NamingTheRightKey_AcceptedAndTheWrongKey_Refused()
    {
        var right = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.TwoKeyIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Second, "rsa-2")));
        Assert.Equal(HttpStatusCode.Created, right.Status);
        // Signed by the second key but naming the first: checked against the key it names only.
        var wrong = await RegisterWithAsync(StatementKeys.Sign(StatementKeys.TwoKeyIssuer, Claims, StatementKeys.RsaCredentials(StatementKeys.Second, "rsa-1")));
        AssertRefused(wrong, "invalid_software_statement", "signature");
    }

    [Theory]
    [InlineData("""{"alg":"RS256","kid":"rsa-1","kid":"rsa-2"}""", """{"iss":"https://statements.example.com","software_id":"dup"}""", "'kid'")]
    [InlineData("""{"alg":"RS256","kid":"rsa-1"}""", """{"iss":"https://statements.example.com","software_id":"a","software_id":"b"}""", "'software_id'")]
    public async Task Statement_DuplicateMember_InvalidSoftwareStatement(string header, string claims, string reason)
    {
        var reply = await RegisterWithAsync(StatementKeys.SignRaw(header, claims, StatementKeys.Rsa));
        AssertRefused(reply, "invalid_software_statement", reason);
    }

    [Fact]
    public async Task TrustIssuer_WithAPrivateKey_Refused()
    {
        var parameters = StatementKeys.Stranger.ExportParameters(includePrivateParameters: true);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["d"] = Base64UrlEncoder.Encode(parameters.D),
            }),
        };
        var answer = await _api.AdminAsync(HttpMethod.Post, "/admin/software-statement-issuers",
            new JsonObject { ["issuer"] = "https://careless.example.com", ["jwks"] = jwks }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("public keys only", answer.Json.GetProperty("detail").GetString());
    }

    private async Task<Reply> RegisterWithAsync(string statement, string? clientName = null)
    {
        await TrustIssuersAsync();
        var body = new JsonObject { ["redirect_uris"] = new JsonArray("https://app.example.com/cb"), ["software_statement"] = statement };
        if (clientName is not null)
            body["client_name"] = clientName;
        return await _api.RegisterAsync(body.ToJsonString(), await _api.AnyTokenAsync());
    }

    /// <summary>Both issuers trusted through the admin API (a second time answers 409, which is as good).</summary>
    private async Task TrustIssuersAsync()
    {
        foreach (var issuer in new[]
        {
            new JsonObject { ["issuer"] = StatementKeys.RsaIssuer, ["jwks"] = JsonNode.Parse(StatementKeys.RsaJwks) },
            new JsonObject { ["issuer"] = StatementKeys.EcIssuer, ["jwks_uri"] = StatementKeys.EcJwksUri },
            new JsonObject { ["issuer"] = StatementKeys.TwoKeyIssuer, ["jwks"] = JsonNode.Parse(StatementKeys.TwoKeyJwks) },
        })
        {
            var answer = await _api.AdminAsync(HttpMethod.Post, "/admin/software-statement-issuers", issuer.ToJsonString());
            Assert.True(answer.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, answer.Body);
        }
    }

    private static void AssertRefused(Reply reply, string error, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(error, reply.Error);
        Assert.Contains(reason, reply.String("error_description"));
    }
}
