using System.Net;
using System.Text;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 34: <c>Idempotency-Key</c> (draft-ietf-httpapi-idempotency-key-header) on <c>POST /register</c> and the secret
/// rotation. A repeat with the same key and body receives the first answer, its secret and registration access token
/// included, and creates nothing; the same key with another body is 422; a refusal keeps nothing; a key too short to be
/// unguessable is 400; the answer kept in the database can be read by nobody who lacks the key.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotencyTests(RegistrationApis platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_RepeatedWithTheSameKey_GetsTheFirstAnswer_SecretIncluded_AndOneClientExists()
    {
        var key = NewKey();
        const string body = """{"redirect_uris":["https://idem.example.org/cb"],"client_name":"once"}""";

        var first = await RegisterAsync(body, key);
        var again = await RegisterAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.NotNull(first.String("client_secret"));
        Assert.Equal(first.Response.Headers.Location, again.Response.Headers.Location);
        Assert.Equal("true", Assert.Single(again.Response.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.True(again.NoStore);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM clients WHERE client_name = 'once' AND client_id = @value", first.String("client_id")!));
        // The replayed token and secret are the client's: it can read itself with them.
        var read = await new Api(platform).ReadAsync(again.String("client_id")!, again.String("registration_access_token"));
        Assert.Equal(HttpStatusCode.OK, read.Status);
    }

    [Fact]
    public async Task Register_SameKeyAnotherBody_422_AndNothingCreated()
    {
        var key = NewKey();
        var first = await RegisterAsync("""{"redirect_uris":["https://idem.example.org/a"]}""", key);

        var other = await RegisterAsync("""{"redirect_uris":["https://idem.example.org/b"]}""", key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(((HttpStatusCode)422, "invalid_request"), (other.Status, other.Error));
        Assert.StartsWith("Idempotency-Key: already used for another request", other.String("error_description"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM clients WHERE redirect_uris::text LIKE '%' || @value || '%'", "idem.example.org/b"));
    }

    [Fact]
    public async Task Register_ARefusalKeepsNothing_TheSameKeyThenRegisters()
    {
        var key = NewKey();

        var refused = await RegisterAsync("""{"redirect_uris":["not a uri"]}""", key);
        var fixedUp = await RegisterAsync("""{"redirect_uris":["https://idem.example.org/fixed"]}""", key);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_redirect_uri"), (refused.Status, refused.Error));
        Assert.Equal(HttpStatusCode.Created, fixedUp.Status);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcdef-one, 0123456789abcdef-two")]
    [InlineData("\"a-backslash-escapes\\only-quotes\"")]
    [InlineData("\"an-unescaped\"quote-inside-0123\"")]
    public async Task Register_WithAKeyThatIsNotOne_400InvalidRequest_NamingTheHeader(string key)
    {
        var reply = await RegisterAsync(Api.Minimal, key);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reply.Status, reply.Error));
        Assert.StartsWith("Idempotency-Key:", reply.String("error_description"));
    }

    [Fact]
    public async Task Register_AQuotedKey_IsTheSameKeyAsTheBareOne()
    {
        var key = NewKey();

        var bare = await RegisterAsync(Api.Minimal, key);
        var quoted = await RegisterAsync(Api.Minimal, $"\"{key}\"");

        Assert.Equal(bare.String("client_id"), quoted.String("client_id"));
    }

    [Fact]
    public async Task KeptAnswer_HoldsNeitherTheKeyNorTheSecretNorTheTokenInClear()
    {
        var key = NewKey();
        var first = await RegisterAsync(Api.Minimal, key);

        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var rows = new NpgsqlCommand("SELECT key_hash, answer FROM idempotent_requests", connection);
        var stored = new List<byte[]>();
        await using (var reader = await rows.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                stored.Add([.. (byte[])reader[0], .. (byte[])reader[1]]);

        Assert.NotEmpty(stored);
        foreach (var secret in new[] { key, first.String("client_secret")!, first.String("registration_access_token")!, first.String("client_id")! })
            Assert.DoesNotContain(stored, row => Encoding.UTF8.GetString(row).Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotateSecret_RepeatedWithTheSameKey_OneRotation_TheSameNewSecret()
    {
        var client = await new Api(platform).RegisteredAsync();
        var key = NewKey();

        var first = await RotateAsync(client.Id, client.Token, key);
        var again = await RotateAsync(client.Id, client.Token, key);
        var verified = await VerifyAsync(client.Id, first.String("client_secret")!);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.NotEqual(client.Secret, first.String("client_secret"));
        // Rotated once: a second rotation would have replaced the secret the first answer gave (no grace period here).
        Assert.True(verified.Json.GetProperty("valid").GetBoolean(), verified.Body);
    }

    private async Task<Reply> VerifyAsync(string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/clients/{clientId}/verify-secret")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { client_secret = secret }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {platform.AdminSecret}");
        return await Reply.FromAsync(await platform.Admin.SendAsync(request, Ct));
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private async Task<Reply> RegisterAsync(string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await Reply.FromAsync(await platform.Registration.SendAsync(request, Ct));
    }

    private async Task<Reply> RotateAsync(string clientId, string token, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/register/{clientId}/secret");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await Reply.FromAsync(await platform.Registration.SendAsync(request, Ct));
    }

    private async Task<T> ScalarAsync<T>(string sql, string value)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue("value", value);
        return (T)(await query.ExecuteScalarAsync(Ct))!;
    }
}

/// <summary>
/// Issue 34's acceptance on the platform: 20 concurrent <c>POST /register</c> with one <c>Idempotency-Key</c>, spread over
/// the three registration replicas, create exactly one client and get 20 identical answers — with an initial access
/// token of one use, which the one registration uses once.
/// </summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class IdempotencyOnReplicasTests(ClosedRegistrationPlatform platform)
{
    private readonly ClosedApi _api = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_TwentyConcurrentWithOneKey_OnThreeReplicas_OneClient_TwentyIdenticalAnswers()
    {
        var (tokenId, token) = await _api.IssueAsync("""{"max_uses":1}""");
        var key = Guid.NewGuid().ToString();

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/register")
            {
                Content = new StringContent("""{"redirect_uris":["https://twenty.example.org/cb"],"client_name":"twenty"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            var replica = platform.ReplicaClient(ResourceNames.RegistrationApi, i % PlatformFixture.RegistrationReplicas);
            return await Reply.FromAsync(await replica.SendAsync(request, Ct));
        }));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Single(replies.Select(r => r.Body).Distinct());
        Assert.Equal(19, replies.Count(r => r.Response.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await _api.CountAsync("SELECT count(*) FROM clients WHERE client_name = ANY(@value)", ["twenty"]));
        Assert.Equal(0, (await _api.ListedAsync(tokenId)).GetProperty("remaining_uses").GetInt32());
    }
}
