using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>RFC 7591 §3 with initial access tokens: issued by the admin API, demanded by POST /register (RFC 6750).</summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class InitialAccessTokenTests(ClosedRegistrationPlatform platform)
{
    private readonly ClosedApi _api = new(platform);

    private const string Minimal = """{"redirect_uris":["https://app.example.com/cb"]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_WithoutToken_401ChallengeWithoutErrorCode()
    {
        var reply = await _api.RegisterAsync(Minimal, token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        // RFC 6750 §3.1: a request without credentials gets the challenge but no error code.
        Assert.Equal("Bearer realm=\"clientplatform\"", reply.Challenge);
        Assert.Contains("initial access token is required", reply.String("error_description"));
        Assert.True(reply.NoStore);
    }

    [Fact]
    public async Task Register_UnknownToken_401InvalidToken()
    {
        var reply = await _api.RegisterAsync(Minimal, "not-an-issued-token");
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("invalid_token", reply.Error);
        Assert.Contains("error=\"invalid_token\"", reply.Challenge);
    }

    [Fact]
    public async Task Register_MalformedAuthorization_400InvalidRequest()
    {
        var reply = await _api.RegisterAsync(Minimal, "two words");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Error);
        Assert.Contains("error=\"invalid_request\"", reply.Challenge);
    }

    [Fact]
    public async Task Register_ExpiredToken_401InvalidToken()
    {
        var (_, token) = await _api.IssueAsync("""{"expires_in":1,"max_uses":5}""");
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var reply = await _api.RegisterAsync(Minimal, token);
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("invalid_token", reply.Error);
        Assert.Contains("expired", reply.String("error_description"));
    }

    [Fact]
    public async Task Register_RevokedToken_401InvalidToken()
    {
        var (id, token) = await _api.IssueAsync("""{"max_uses":5}""");
        Assert.Equal(HttpStatusCode.OK, (await _api.AdminAsync(HttpMethod.Delete, $"/admin/initial-access-tokens/{id}")).Status);
        var reply = await _api.RegisterAsync(Minimal, token);
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Contains("revoked", reply.String("error_description"));
    }

    [Fact]
    public async Task Register_TokenOfOneUse_SecondRegistrationRefused()
    {
        var (id, token) = await _api.IssueAsync("""{"max_uses":1}""");
        var first = await _api.RegisterAsync(Minimal, token);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var second = await _api.RegisterAsync(Minimal, token);
        Assert.Equal(HttpStatusCode.Unauthorized, second.Status);
        Assert.Contains("used up", second.String("error_description"));
        var listed = await _api.ListedAsync(id);
        Assert.Equal(0, listed.GetProperty("remaining_uses").GetInt32());
        Assert.Equal("used_up", listed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Register_TwentyConcurrentOnThreeReplicas_TokenOfFiveCreatesExactlyFive()
    {
        var (id, token) = await _api.IssueAsync("""{"max_uses":5}""");
        // Straight to the replicas, spread over all three, so the only thing between them is the database.
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _api.RegisterAsync(Minimal, token, platform.ReplicaClient(ResourceNames.RegistrationApi, i % PlatformFixture.RegistrationReplicas))));
        Assert.Equal(5, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(15, replies.Count(r => r.Status == HttpStatusCode.Unauthorized && r.Error == "invalid_token"));
        var created = replies.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.String("client_id")!).ToArray();
        Assert.Equal(5, await _api.CountAsync("SELECT count(*) FROM clients WHERE client_id = ANY(@value)", created));
        Assert.Equal(0, (await _api.ListedAsync(id)).GetProperty("remaining_uses").GetInt32());
    }

    [Theory]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"grant_types":["client_credentials"]}""", "invalid_client_metadata", "grant_types")]
    [InlineData("""{"redirect_uris":["https://evil.example.net/cb"]}""", "invalid_redirect_uri", "redirect_uris")]
    [InlineData("""{"redirect_uris":["https://example.com/cb"]}""", "invalid_redirect_uri", "redirect_uris")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"scope":"openid admin"}""", "invalid_client_metadata", "scope")]
    public async Task Register_OutsideTheTokensPolicy_400AndTheUseKept(string metadata, string error, string member)
    {
        var (id, token) = await _api.IssueAsync(
            """{"max_uses":2,"policy":{"grant_types":["authorization_code","refresh_token"],"redirect_uri_hosts":["*.example.com"],"scopes":["openid","profile"]}}""");
        var reply = await _api.RegisterAsync(metadata, token);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(error, reply.Error);
        Assert.StartsWith($"{member}:", reply.String("error_description"));
        Assert.Equal(2, (await _api.ListedAsync(id)).GetProperty("remaining_uses").GetInt32());
    }

    [Fact]
    public async Task Register_InsideTheTokensPolicy_Created()
    {
        var (_, token) = await _api.IssueAsync(
            """{"policy":{"grant_types":["authorization_code","refresh_token"],"redirect_uri_hosts":["*.example.com"],"scopes":["openid","profile"]}}""");
        var reply = await _api.RegisterAsync(
            """{"redirect_uris":["https://app.example.com/cb"],"grant_types":["authorization_code","refresh_token"],"scope":"openid profile"}""", token);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
    }

    [Fact]
    public async Task InitialAccessToken_Lifecycle_IssuedUsedExhaustedRevokedAudited()
    {
        var (id, token) = await _api.IssueAsync("""{"name":"partner onboarding","max_uses":1}""");
        var created = await _api.RegisterAsync(Minimal, token);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        await _api.AdminAsync(HttpMethod.Delete, $"/admin/initial-access-tokens/{id}");
        var rows = await _api.AuditActionsAsync(id, 4);
        Assert.Equal(["initial_access_token_issued", "initial_access_token_used", "initial_access_token_exhausted", "initial_access_token_revoked"], rows.Select(r => r.Action));
        Assert.Contains(created.String("client_id")!, rows[1].Changes);
    }

    [Fact]
    public async Task InitialAccessToken_Issued_ShownOnceAndStoredAsItsHash()
    {
        var (id, token) = await _api.IssueAsync("""{"max_uses":3}""");
        var listed = await _api.ListedAsync(id);
        Assert.False(listed.TryGetProperty("token", out _));
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT token_hash FROM initial_access_tokens WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", id);
        var stored = (string)(await query.ExecuteScalarAsync(Ct))!;
        Assert.StartsWith("sha256$", stored);
        Assert.DoesNotContain(token, stored);
    }

    [Fact]
    public async Task IssueToken_WithoutABody_IssuesOneOfTheDefaults_ButABodyOfAnotherTypeIsRefused()
    {
        var bare = await _api.AdminAsync(HttpMethod.Post, "/admin/initial-access-tokens");
        var text = await _api.AdminAsync(HttpMethod.Post, "/admin/initial-access-tokens", "max_uses=3", mediaType: "text/plain");

        Assert.Equal(HttpStatusCode.Created, bare.Status);
        var listed = await _api.ListedAsync(bare.String("id")!);
        Assert.Equal(1, listed.GetProperty("max_uses").GetInt32()); // as {} says: one use, a week
        Assert.Equal(HttpStatusCode.BadRequest, text.Status);
        Assert.Equal("application/problem+json", text.Response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"max_uses":0}""", "max_uses")]
    [InlineData("""{"max_uses":"5"}""", "max_uses")]
    [InlineData("""{"expires_in":1,"expires_at":4102444800000}""", "expires_in, expires_at")]
    [InlineData("""{"expires_in":0}""", "expires_in")]
    [InlineData("""{"policy":{"grant_types":["password"]}}""", "policy.grant_types")]
    [InlineData("""{"policy":{"redirect_uri_hosts":["https://app.example.com"]}}""", "policy.redirect_uri_hosts")]
    [InlineData("""{"policy":{"scopes":["two words"]}}""", "policy.scopes")]
    [InlineData("""{"policy":{"scopes":"openid"}}""", "policy.scopes")]
    [InlineData("""{"policy":{"scopes":["openid",7]}}""", "policy.scopes")]
    [InlineData("""{"policy":{"grant_types":["authorization_code",null]}}""", "policy.grant_types")]
    [InlineData("""{"policy":["scopes"]}""", "policy")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"expires_at":"4102444800000"}""", "expires_at")]
    public async Task IssueToken_BadRequest_ProblemNamingTheMember(string json, string member)
    {
        var answer = await _api.AdminAsync(HttpMethod.Post, "/admin/initial-access-tokens", json);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"{member}:", answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task IssueToken_KeyWithoutClientsWrite_403()
    {
        var key = await _api.AdminAsync(HttpMethod.Post, "/admin/keys", """{"name":"reader","scopes":["clients:read"]}""");
        Assert.Equal(HttpStatusCode.Created, key.Status);
        var answer = await _api.AdminAsync(HttpMethod.Post, "/admin/initial-access-tokens", "{}", key.String("key"));
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
    }
}
