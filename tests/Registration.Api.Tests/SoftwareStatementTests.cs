using System.Net;
using System.Security.Cryptography;
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
