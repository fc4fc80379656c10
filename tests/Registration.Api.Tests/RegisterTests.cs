using System.Net;
using System.Text.RegularExpressions;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>POST /register (RFC 7591), through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RegisterTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    [Fact]
    [Trait("Checklist", "DCR-01")]
    [Trait("Checklist", "DCR-10")]
    [Trait("Checklist", "DCR-17")]
    [Trait("Checklist", "DCR-18")]
    public async Task Register_Minimal_Returns201WithDefaultsAndRegistrationMembers()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var reply = await _api.RegisterAsync();

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("application/json", reply.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""["authorization_code"]""", reply.Json.GetProperty("grant_types").GetRawText());
        Assert.Equal("""["code"]""", reply.Json.GetProperty("response_types").GetRawText());
        Assert.Equal("client_secret_basic", reply.String("token_endpoint_auth_method"));
        Assert.InRange(reply.Json.GetProperty("client_id_issued_at").GetInt64(), before - 5, before + 5);      // DCR-16
        Assert.Equal(0, reply.Json.GetProperty("client_secret_expires_at").GetInt64());                        // DCR-14
        Assert.Equal(reply.String("registration_client_uri"), reply.Response.Headers.Location?.ToString());
    }

    [Fact]
    [Trait("Checklist", "DCR-11")]
    public async Task Register_Success_And_Error_AreNotStored()
    {
        var created = await _api.RegisterAsync();
        var refused = await _api.RegisterAsync("{}");

        Assert.True(created.NoStore);
        Assert.True(refused.NoStore);
    }

    [Fact]
    [Trait("Checklist", "DCR-12")]
    [Trait("Checklist", "DCR-13")]
    [Trait("Checklist", "MGT-80")]
    public async Task TwentyParallelRegistrations_AllSucceedWithDistinctIdsSecretsAndTokens()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.RegisterAsync()));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal(20, replies.Select(r => r.String("client_id")).Distinct().Count());
        Assert.Equal(20, replies.Select(r => r.String("client_secret")).Distinct().Count());
        Assert.Equal(20, replies.Select(r => r.String("registration_access_token")).Distinct().Count());
        Assert.All(replies, r => Assert.Matches(new Regex("^[A-Za-z0-9_-]{43,}$"), r.String("registration_access_token")!));
        Assert.All(replies, r => Assert.True(r.String("client_secret")!.Length >= 43));
    }

    [Fact]
    [Trait("Checklist", "DCR-02")]
    public async Task Register_FormEncoded_Returns400InvalidRequest()
    {
        var reply = await _api.RegisterAsync("redirect_uris=https://a.example/cb", "application/x-www-form-urlencoded");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reply.Status, reply.Error));
    }

    [Theory]
    [InlineData("{\"redirect_uris\":[")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"x\"")]
    [InlineData("5")]
    [Trait("Checklist", "DCR-03")]
    public async Task Register_BodyThatIsNotAJsonObject_Returns400InvalidRequest(string body)
    {
        var reply = await _api.RegisterAsync(body);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reply.Status, reply.Error));
    }

    [Fact]
    [Trait("Checklist", "DCR-04")]
    [Trait("Checklist", "DCR-05")]
    public async Task Register_UnknownServerAssignedAndAdminOnlyMembers_AreIgnored()
    {
        var reply = await _api.RegisterAsync(
            """{"redirect_uris":["https://a.example/cb"],"x_unknown":1,"client_id":"mine","client_secret":"mine","is_trusted":true}""");

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.NotEqual("mine", reply.String("client_id"));
        Assert.NotEqual("mine", reply.String("client_secret"));
        Assert.False(reply.Has("x_unknown"));
        Assert.False(await _api.StoredAsync<bool>(reply.String("client_id")!, "is_trusted"));
    }

    [Fact]
    [Trait("Checklist", "DCR-61")]
    public async Task Register_MalformedSoftwareStatement_InvalidSoftwareStatement()
    {
        // Statements are supported (Registration:SoftwareStatements = optional), so one that is not a JWS is refused.
        var reply = await _api.RegisterAsync("""{"redirect_uris":["https://a.example/cb"],"software_statement":"a.b.c"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_software_statement"), (reply.Status, reply.Error));
        Assert.StartsWith("software_statement:", reply.String("error_description"));
    }

    [Fact]
    [Trait("Checklist", "DCR-62")]
    public async Task Register_StatementOfAnUntrustedIssuer_Unapproved()
    {
        var statement = StatementKeys.Sign("https://nobody-trusts.example.org", new Dictionary<string, object> { ["software_id"] = "x" },
            StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"));
        var reply = await _api.RegisterAsync($$"""{"redirect_uris":["https://a.example/cb"],"software_statement":"{{statement}}"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "unapproved_software_statement"), (reply.Status, reply.Error));
    }

    [Fact]
    [Trait("Checklist", "DCR-15")]
    public async Task Register_PublicClient_GetsNoSecret()
    {
        var reply = await _api.RegisterAsync("""{"redirect_uris":["http://localhost:53999/callback"],"token_endpoint_auth_method":"none"}""");

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("none", reply.String("token_endpoint_auth_method"));
        Assert.False(reply.Has("client_secret"));
        Assert.False(reply.Has("client_secret_expires_at"));
    }

    [Fact]
    [Trait("Checklist", "DCR-20")]
    [Trait("Checklist", "DCR-21")]
    [Trait("Checklist", "DCR-50")]
    public async Task Register_FullMetadata_IsEchoedExactly()
    {
        var reply = await _api.RegisterAsync("""
            {"redirect_uris":["https://app.example.org/cb","com.example.app:/cb"],"client_name":"My App","client_name#fr":"Mon appli",
             "client_uri":"https://app.example.org/","logo_uri":"https://app.example.org/logo.png","scope":"openid profile",
             "contacts":["ops@example.org"],"tos_uri":"https://app.example.org/tos","policy_uri":"https://app.example.org/privacy",
             "jwks_uri":"https://app.example.org/jwks.json","software_id":"4NRB1-0XZABZI9E6-5SM3R","software_version":"2.1",
             "grant_types":["authorization_code","refresh_token"],"response_types":["code"],"token_endpoint_auth_method":"client_secret_post"}
            """);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("""["https://app.example.org/cb","com.example.app:/cb"]""", reply.Json.GetProperty("redirect_uris").GetRawText());
        Assert.Equal("Mon appli", reply.String("client_name#fr"));
        Assert.Equal("openid profile", reply.String("scope"));
        Assert.Equal("""["ops@example.org"]""", reply.Json.GetProperty("contacts").GetRawText());
        Assert.Equal("4NRB1-0XZABZI9E6-5SM3R", reply.String("software_id"));
        Assert.Equal("client_secret_post", reply.String("token_endpoint_auth_method"));
        Assert.NotNull(reply.String("client_secret"));
    }

    [Theory]
    [InlineData("{}", "invalid_redirect_uri", "redirect_uris")]                                                        // DCR-30
    [InlineData("""{"redirect_uris":["https://a.example/cb#x"]}""", "invalid_redirect_uri", "redirect_uris[0]")]        // DCR-33
    [InlineData("""{"redirect_uris":["http://client.example.org/cb"]}""", "invalid_redirect_uri", "redirect_uris[0]")]  // DCR-34
    [InlineData("""{"redirect_uris":["javascript:alert(1)"]}""", "invalid_redirect_uri", "redirect_uris[0]")]           // DCR-35
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"grant_types":["authorization_code"],"response_types":["token"]}""",
        "invalid_client_metadata", "response_types")]                                                                     // DCR-41
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"magic"}""", "invalid_client_metadata", "token_endpoint_auth_method")] // DCR-43
    [InlineData("""{"grant_types":["client_credentials"],"response_types":[],"token_endpoint_auth_method":"none"}""", "invalid_client_metadata", "client_credentials")] // DCR-44
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"client_name":5}""", "invalid_client_metadata", "client_name")] // DCR-47
    [Trait("Checklist", "DCR-70")]
    public async Task Register_InvalidMetadata_Returns400JsonNamingTheField(string body, string error, string field)
    {
        var reply = await _api.RegisterAsync(body);

        Assert.Equal((HttpStatusCode.BadRequest, error), (reply.Status, reply.Error));
        Assert.Contains(field, reply.String("error_description"));
        Assert.Equal("application/json", reply.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    [Trait("Checklist", "DCR-71")]
    public async Task Register_Refused_CreatesNothing()
    {
        var marker = $"refused-{Guid.NewGuid():N}";

        var reply = await _api.RegisterAsync($$"""{"client_name":"{{marker}}","redirect_uris":["http://client.example.org/cb"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(0L, await _api.CountAsync("SELECT count(*) FROM clients WHERE client_name = @value", marker));
    }

    [Fact]
    [Trait("Checklist", "DCR-73")]
    public async Task Register_ConfigurationUriUsesTheCallersHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register")
        {
            Content = new StringContent(Api.Minimal, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "auth.example.test";

        var reply = await Reply.FromAsync(await _api.Http.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.StartsWith("http://auth.example.test/register/", reply.String("registration_client_uri"));
        Assert.EndsWith(reply.String("client_id")!, reply.String("registration_client_uri"));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.1/jwks.json")]
    [InlineData("https://[::ffff:127.0.0.1]/jwks.json")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/jwks.json")]
    [InlineData("https://localhost/jwks.json")]
    [InlineData("https://metadata.google.internal/jwks.json")]
    public async Task Register_JwksUriAtAnInternalAddress_InvalidClientMetadata(string jwksUri)
    {
        // Issue 31, item 7: the authorization server fetches a private_key_jwt client's jwks_uri; it must not be aimed inside.
        var reply = await _api.RegisterAsync($$"""{"redirect_uris":["https://client.example.org/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks_uri":"{{jwksUri}}"}""");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (reply.Status, reply.Error));
        Assert.StartsWith("jwks_uri:", reply.String("error_description"));
    }

    [Theory]
    [InlineData("jar:https://client.example.org/app.jar!/cb")]
    [InlineData("intent:/cb")]
    [InlineData("ms-settings:privacy")]
    [InlineData("x-javascript:alert(1)")]
    public async Task Register_HandlerScheme_InvalidRedirectUri(string redirectUri)
    {
        // Issue 31, item 8: these schemes hand the code to the platform or the browser, not to the app that registered.
        var reply = await _api.RegisterAsync($$"""{"redirect_uris":["{{redirectUri}}"]}""");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_redirect_uri"), (reply.Status, reply.Error));
        Assert.Contains("scheme is not allowed", reply.String("error_description"));
    }
}
