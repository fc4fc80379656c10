using System.Net;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Secret rotation with a grace period (SecretRotation:GracePeriod, here 3 s): after a rotation both secrets
/// verify until the period ends, then only the new one — through the admin API and the RFC 7592-side path.
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
