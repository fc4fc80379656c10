using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Seed 000 §6 and issue 5: an admin API key with <c>client:admin</c> reads, updates and deletes any client
/// through /register/{client_id} (in Development, as here; issue 31: off by default elsewhere, and never the
/// bootstrap secret); one without that scope is refused with insufficient_scope.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RegisterAsAdminTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    [Fact]
    public async Task Seed000_6_ClientAdminKey_ReadsAnyClient_WithoutSeeingItsToken()
    {
        var (id, token, _) = await _admin.RegisterAsync();
        var key = await CreateKeyAsync("client:admin");

        var read = await _admin.SelfAsync(HttpMethod.Get, id, key);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(id, read.Json.GetProperty("client_id").GetString());
        Assert.Equal("Self", read.Json.GetProperty("client_name").GetString());
        Assert.False(read.Json.TryGetProperty("registration_access_token", out _));
        Assert.DoesNotContain(token, read.Body);
        Assert.Equal("no-store", read.Response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Seed000_6_ClientAdmin_UpdatesAClient_AndTheClientsOwnTokenKeepsWorking()
    {
        var (id, token, _) = await _admin.RegisterAsync();
        var key = await CreateKeyAsync("client:admin");

        var update = await _admin.SelfAsync(HttpMethod.Put, id, key,
            $$"""{"client_id":"{{id}}","redirect_uris":["https://self.example.org/cb"],"client_name":"Renamed by admin"}""");
        var byClient = await _admin.SelfAsync(HttpMethod.Get, id, token);

        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.False(update.Json.TryGetProperty("registration_access_token", out _));
        Assert.Equal(HttpStatusCode.OK, byClient.Status);
        Assert.Equal("Renamed by admin", byClient.Json.GetProperty("client_name").GetString());
    }

    [Fact]
    public async Task Seed000_6_ClientAdmin_IsNotBoundByTheLocksItSets()
    {
        var (id, token, _) = await _admin.RegisterAsync();
        var key = await CreateKeyAsync("client:admin");
        await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{id}", """{"update_locked":true,"delete_locked":true}""");

        var clientUpdate = await _admin.SelfAsync(HttpMethod.Put, id, token, $$"""{"client_id":"{{id}}","redirect_uris":["https://self.example.org/cb"]}""");
        var adminUpdate = await _admin.SelfAsync(HttpMethod.Put, id, key,
            $$"""{"client_id":"{{id}}","redirect_uris":["https://self.example.org/cb"],"client_name":"Locked, still managed"}""");
        var clientDelete = await _admin.SelfAsync(HttpMethod.Delete, id, token);
        var adminDelete = await _admin.SelfAsync(HttpMethod.Delete, id, key);
        var afterwards = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, clientUpdate.Status);
        Assert.Equal(HttpStatusCode.OK, adminUpdate.Status);
        Assert.Equal(HttpStatusCode.Forbidden, clientDelete.Status);
        Assert.Equal(HttpStatusCode.NoContent, adminDelete.Status);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.Status);
    }

    [Theory]
    [InlineData("clients:read")]
    [InlineData("clients:write")]
    [InlineData("clients:delete")]
    [InlineData("audit:read")]
    public async Task Seed000_6_AdminKeyWithoutClientAdmin_Is403InsufficientScope_AndTheClientIsUntouched(string scope)
    {
        var (id, token, _) = await _admin.RegisterAsync();
        var key = await CreateKeyAsync(scope);

        var read = await _admin.SelfAsync(HttpMethod.Get, id, key);
        var delete = await _admin.SelfAsync(HttpMethod.Delete, id, key);
        var byClient = await _admin.SelfAsync(HttpMethod.Get, id, token);

        Assert.Equal((HttpStatusCode.Forbidden, "insufficient_scope"), (read.Status, read.Error));
        Assert.Contains("error=\"insufficient_scope\"", read.Response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("scope=\"client:admin\"", read.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, delete.Status);
        Assert.Equal(HttpStatusCode.OK, byClient.Status);
    }

    [Fact]
    public async Task BootstrapSecret_IsNoCredentialAtRegister_TheRegistrationApiDoesNotHoldIt()
    {
        // Issue 31, item 4: the internet-facing API is never given ADMIN_API_SECRET, so a leaked one is useless there.
        var (id, token, _) = await _admin.RegisterAsync();

        var read = await _admin.SelfAsync(HttpMethod.Get, id, _admin.Secret);
        var delete = await _admin.SelfAsync(HttpMethod.Delete, id, _admin.Secret);
        var byClient = await _admin.SelfAsync(HttpMethod.Get, id, token);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (read.Status, read.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, delete.Status);
        Assert.Equal(HttpStatusCode.OK, byClient.Status);
    }

    [Fact]
    public async Task Seed000_6_ClientAdmin_OnAnUnknownClient_Is401_AndTheAdminKeyIsNotRevoked()
    {
        var key = await CreateKeyAsync("client:admin");

        var unknown = await _admin.SelfAsync(HttpMethod.Get, "no-such-client", key);
        var stillValid = await _admin.SendAsync(HttpMethod.Get, "/admin/clients?limit=1", token: key);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (unknown.Status, unknown.Error));
        Assert.StartsWith("Bearer realm=", unknown.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, stillValid.Status);
    }

    [Fact]
    public async Task Seed000_6_RevokedClientAdminKey_Is401OnRegister()
    {
        var (id, _, _) = await _admin.RegisterAsync();
        var created = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"revoked","scopes":["client:admin"]}""");
        var key = created.Json.GetProperty("key").GetString()!;
        await _admin.SendAsync(HttpMethod.Delete, $"/admin/keys/{created.Json.GetProperty("id").GetString()}");

        var read = await _admin.SelfAsync(HttpMethod.Get, id, key);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (read.Status, read.Error));
    }

    [Fact]
    public async Task Seed000_6_UpdatesByAdmin_AreAuditedWithTheKeyIdAsActor()
    {
        var (id, _, _) = await _admin.RegisterAsync();
        var created = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"auditor","scopes":["client:admin"]}""");
        var (keyId, key) = (created.Json.GetProperty("id").GetString()!, created.Json.GetProperty("key").GetString()!);

        await _admin.SelfAsync(HttpMethod.Put, id, key, $$"""{"client_id":"{{id}}","redirect_uris":["https://self.example.org/cb"],"client_name":"x"}""");

        var update = await AuditEventAsync(id, "client_updated");
        Assert.Equal(("admin", keyId), (update.GetProperty("actor").GetProperty("kind").GetString(), update.GetProperty("actor").GetProperty("id").GetString()));
    }

    [Fact]
    [Trait("Checklist", "MGT-82")]
    public async Task ARegistrationToken_IsNoAdminCredential_AndWorksOnlyAtItsOwnClient()
    {
        var (id, token, _) = await _admin.RegisterAsync();

        var list = await _admin.SendAsync(HttpMethod.Get, "/admin/clients", token: token);
        var get = await _admin.SendAsync(HttpMethod.Get, $"/api/admin/clients/{id}", token: token);
        var own = await _admin.SelfAsync(HttpMethod.Get, id, token);

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (list.Status, list.Error));
        Assert.Contains("error=\"invalid_token\"", list.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, get.Status);
        Assert.Equal(HttpStatusCode.OK, own.Status);
    }

    private async Task<System.Text.Json.JsonElement> AuditEventAsync(string clientId, string action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={clientId}&action={action}");
            if (events.Json.GetProperty("events").EnumerateArray().FirstOrDefault() is { ValueKind: System.Text.Json.JsonValueKind.Object } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, $"no {action} event for {clientId} within 30 s");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private async Task<string> CreateKeyAsync(string scope)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", $$"""{"name":"{{scope}} key","scopes":["{{scope}}"]}""");
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer.Json.GetProperty("key").GetString()!;
    }
}
