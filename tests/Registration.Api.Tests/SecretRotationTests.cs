using System.Net;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// A client's credential set (issue 34) with a rotation grace period (SecretRotation:GracePeriod, here 3 s): after a
/// rotation both secrets verify until the period ends, then only the new one — through the admin API and the RFC
/// 7592-side path, on three registration replicas; every expiry an answer announces holds; secrets added and retired.
/// </summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class SecretRotationTests(ClosedRegistrationPlatform platform)
{
    private readonly ClosedApi _api = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminRegenerate_WithinGracePeriod_BothSecretsVerifyThenOnlyTheNewOne()
    {
        var (clientId, oldSecret) = await CreateConfidentialAsync();
        var started = DateTimeOffset.UtcNow;
        var rotated = await _api.AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/regenerate-secret");
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newSecret = rotated.String("client_secret")!;
        var previousEnds = DateTimeOffset.FromUnixTimeMilliseconds(rotated.Json.GetProperty("previous_client_secret_expires_at").GetInt64());
        Assert.InRange(previousEnds, started + ClosedRegistrationPlatform.GracePeriod - TimeSpan.FromSeconds(1),
            DateTimeOffset.UtcNow + ClosedRegistrationPlatform.GracePeriod + TimeSpan.FromSeconds(1));

        await AssertVerifiesAsync(clientId, oldSecret, "previous");
        await AssertVerifiesAsync(clientId, newSecret, "current");
        // The admin view says how long the old secret has left.
        var view = await _api.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}");
        Assert.Equal(previousEnds.ToUnixTimeMilliseconds(), view.Json.GetProperty("client").GetProperty("previous_client_secret_expires_at").GetInt64());

        await WaitUntilAsync(previousEnds);
        var late = await _api.VerifySecretAsync(clientId, oldSecret);
        Assert.False(late.Json.GetProperty("valid").GetBoolean());
        await AssertVerifiesAsync(clientId, newSecret, "current");
    }

    [Fact]
    public async Task ClientRotate_ThroughRegister_NewSecretAndTokenOldSecretLivesOnForTheGracePeriod()
    {
        var registered = await _api.RegisterAsync("""{"redirect_uris":["https://app.example.com/cb"]}""", await _api.AnyTokenAsync());
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var (clientId, oldSecret, oldToken) = (registered.String("client_id")!, registered.String("client_secret")!, registered.String("registration_access_token")!);

        var rotated = await _api.ManageAsync(HttpMethod.Post, $"/register/{clientId}/secret", oldToken);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.True(rotated.NoStore);
        var newSecret = rotated.String("client_secret")!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.NotEqual(oldToken, rotated.String("registration_access_token"));
        Assert.True(rotated.Json.GetProperty("previous_client_secret_expires_at").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        await AssertVerifiesAsync(clientId, oldSecret, "previous");
        await AssertVerifiesAsync(clientId, newSecret, "current");
        // As after any update (RFC 7592 §2.2, MGT-38), the token that asked is spent.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.ReadAsync(clientId, oldToken)).Status);
        var audit = await _api.AuditActionsAsync(clientId, 3);
        Assert.Contains(audit, row => row.Action == "secret_regenerated" && row.Changes.Contains("previous_client_secret_expires_at"));
    }

    /// <summary>
    /// The issue's scenario: an administrator regenerates (the answer promises the first secret until E1), the client
    /// rotates its own at once; the first secret still works until E1 — not only until the client's rotation.
    /// </summary>
    [Fact]
    public async Task AdminRegenerates_ThenTheClientRotatesAtOnce_EveryAnnouncedExpiryHolds()
    {
        var registered = await _api.RegisterAsync("""{"redirect_uris":["https://app.example.com/cb"]}""", await _api.AnyTokenAsync());
        var (clientId, first, token) = (registered.String("client_id")!, registered.String("client_secret")!, registered.String("registration_access_token")!);

        var byAdmin = await _api.AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/regenerate-secret");
        var byClient = await _api.ManageAsync(HttpMethod.Post, $"/register/{clientId}/secret", token);
        var firstEnds = DateTimeOffset.FromUnixTimeMilliseconds(byAdmin.Json.GetProperty("previous_client_secret_expires_at").GetInt64());
        var second = byAdmin.String("client_secret")!;
        var third = byClient.String("client_secret")!;
        var listed = await _api.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}/secrets");
        var ends = listed.Json.GetProperty("secrets").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!,
            s => s.GetProperty("expires_at").ValueKind == System.Text.Json.JsonValueKind.Number ? s.GetProperty("expires_at").GetInt64() : (long?)null);
        var secondEnds = DateTimeOffset.FromUnixTimeMilliseconds(ends[byAdmin.String("secret_id")!]!.Value);

        Assert.Equal(HttpStatusCode.OK, byClient.Status);
        Assert.Equal(3, ends.Count);
        // The first secret's end is the one the administrator's answer announced, untouched by the client's rotation.
        Assert.Equal(firstEnds.ToUnixTimeMilliseconds(), ends.Values.First());
        // RFC 7592-side answers speak in seconds, as client_secret_expires_at: the second's end, truncated.
        Assert.Equal(secondEnds.ToUnixTimeSeconds(), byClient.Json.GetProperty("previous_client_secret_expires_at").GetInt64());
        Assert.Equal(byAdmin.String("secret_id"), (await _api.VerifySecretAsync(clientId, second)).String("secret_id"));
        await WaitUntilAsync(firstEnds - TimeSpan.FromMilliseconds(700));
        await AssertVerifiesAsync(clientId, first, "previous");
        await AssertVerifiesAsync(clientId, second, "previous");
        await WaitUntilAsync((firstEnds > secondEnds ? firstEnds : secondEnds) + TimeSpan.FromMilliseconds(300));
        Assert.False((await _api.VerifySecretAsync(clientId, first)).Json.GetProperty("valid").GetBoolean());
        Assert.False((await _api.VerifySecretAsync(clientId, second)).Json.GetProperty("valid").GetBoolean());
        await AssertVerifiesAsync(clientId, third, "current");
    }

    [Fact]
    public async Task CredentialSet_AddListRetire_FullAndLastAre409_EachChangeAudited()
    {
        var (clientId, first) = await CreateConfidentialAsync();

        var added = await _api.AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/secrets", """{"expires_at":null}""");
        var addedId = added.String("secret_id")!;
        var third = await _api.AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/secrets"); // no body: as {}, as curl -X POST sends it
        var full = await _api.AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/secrets", "{}");
        var listed = await _api.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}/secrets");
        var ids = listed.Json.GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        var retired = await _api.AdminAsync(HttpMethod.Delete, $"/admin/clients/{clientId}/secrets/{ids[0]}");
        var unknown = await _api.AdminAsync(HttpMethod.Delete, $"/admin/clients/{clientId}/secrets/cs_nosuchsecret000");
        await _api.AdminAsync(HttpMethod.Delete, $"/admin/clients/{clientId}/secrets/{addedId}");
        var last = await _api.AdminAsync(HttpMethod.Delete, $"/admin/clients/{clientId}/secrets/{third.String("secret_id")}");
        var past = await _api.AdminAsync(HttpMethod.Post, $"/admin/clients/{clientId}/secrets", """{"expires_at":1000}""");

        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(HttpStatusCode.Created, third.Status);
        Assert.Null(third.Json.GetProperty("secrets")[2].GetProperty("expires_at").GetString()); // a secret that does not expire
        Assert.Equal(HttpStatusCode.Conflict, full.Status);
        Assert.Contains("already holds 3 live secrets", full.Json.GetProperty("detail").GetString());
        Assert.Equal([ids[0], addedId, third.String("secret_id")!], ids);
        Assert.True(listed.Json.GetProperty("secrets")[2].GetProperty("current").GetBoolean());
        Assert.DoesNotContain(first, listed.Body);
        Assert.Equal(HttpStatusCode.OK, retired.Status);
        Assert.False((await _api.VerifySecretAsync(clientId, first)).Json.GetProperty("valid").GetBoolean());
        await AssertVerifiesAsync(clientId, third.String("client_secret")!, "current");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.Conflict, last.Status);
        Assert.Equal(HttpStatusCode.BadRequest, past.Status);
        // verify-secret records the use (off the request's path, coalesced): the list says when.
        long? lastUsed = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); lastUsed is null && DateTime.UtcNow < deadline; await Task.Delay(200, Ct))
        {
            var now = await _api.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}/secrets");
            var usedAt = Assert.Single(now.Json.GetProperty("secrets").EnumerateArray()).GetProperty("last_used_at");
            lastUsed = usedAt.ValueKind == System.Text.Json.JsonValueKind.Number ? usedAt.GetInt64() : null;
        }
        Assert.NotNull(lastUsed);
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(lastUsed!.Value), DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);
        var audit = await _api.AuditActionsAsync(clientId, 7);
        Assert.Equal(2, audit.Count(row => row.Action == "secret_added"));
        Assert.Equal([ids[0], addedId], audit.Where(row => row.Action == "secret_retired").Select(row => ids.Concat([addedId]).First(row.Changes.Contains)));
    }

    [Fact]
    public async Task VerifySecret_WrongSecret_InvalidAndAudited()
    {
        var (clientId, _) = await CreateConfidentialAsync();
        var answer = await _api.VerifySecretAsync(clientId, "not-the-secret");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(answer.Json.GetProperty("valid").GetBoolean());
        var audit = await _api.AuditActionsAsync(clientId, 2);
        Assert.Contains(audit, row => row.Action == "secret_verified");
    }

    [Fact]
    public async Task VerifySecret_UnknownClient_404Problem()
    {
        var answer = await _api.VerifySecretAsync("no-such-client", "x");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("not_found", answer.Json.GetProperty("error").GetString());
    }

    private async Task<(string ClientId, string Secret)> CreateConfidentialAsync()
    {
        var created = await _api.AdminAsync(HttpMethod.Post, "/api/admin/clients",
            """{"client_name":"rotating","redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"client_secret_basic"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var client = created.Json.GetProperty("client");
        return (client.GetProperty("client_id").GetString()!, client.GetProperty("client_secret").GetString()!);
    }

    private async Task AssertVerifiesAsync(string clientId, string secret, string matched)
    {
        var answer = await _api.VerifySecretAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Json.GetProperty("valid").GetBoolean(), answer.Body);
        Assert.Equal(matched, answer.String("matched"));
    }

    private static async Task WaitUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, Ct);
    }
}
