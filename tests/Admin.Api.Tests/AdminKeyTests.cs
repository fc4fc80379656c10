using System.Net;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>Admin API keys with scopes (ADM-02, BEA-05): hashed, scoped, expiring, revocable, the audit actor.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AdminKeyTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Checklist", "ADM-02")]
    [Trait("Checklist", "BEA-05")]
    public async Task KeyWithReadScopeOnly_CanRead_ButWritingIs403NamingTheScope()
    {
        var (_, key) = await CreateKeyAsync("""{"name":"reader","scopes":["clients:read"]}""");

        var list = await _admin.SendAsync(HttpMethod.Get, "/admin/clients?limit=1", token: key);
        var create = await _admin.SendAsync(HttpMethod.Post, "/api/admin/clients", """{"client_name":"x","redirect_uris":["https://a.example/cb"]}""", key);
        var delete = await _admin.SendAsync(HttpMethod.Delete, "/api/admin/clients/x", token: key);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (create.Status, create.Error));
        Assert.Equal("Bearer realm=\"admin\", error=\"insufficient_scope\", scope=\"clients:write\"", create.Response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("scope=\"clients:delete\"", delete.Response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Keys_OnlyClientAdminManagesKeys_AndTheKeyIsStoredOnlyAsAHash()
    {
        var (id, key) = await CreateKeyAsync("""{"name":"writer","scopes":["clients:read","clients:write"]}""");

        var attempt = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"escalate","scopes":["client:admin"]}""", key);
        var list = await _admin.SendAsync(HttpMethod.Get, "/admin/keys");

        Assert.Equal(HttpStatusCode.Forbidden, attempt.Status);
        Assert.DoesNotContain(key, list.Body);
        Assert.Contains(id, list.Body);
        Assert.StartsWith("sha256$", await StoredHashAsync(id));
    }

    [Fact]
    public async Task Keys_Revoked_Or_Expired_AreRefusedWith401()
    {
        var (id, key) = await CreateKeyAsync("""{"name":"temporary","scopes":["clients:read"]}""");
        var expiry = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds();
        var (_, shortLived) = await CreateKeyAsync($$"""{"name":"short","scopes":["clients:read"],"expires_at":{{expiry}}}""");

        var before = await _admin.SendAsync(HttpMethod.Get, "/admin/clients?limit=1", token: key);
        await _admin.SendAsync(HttpMethod.Delete, $"/admin/keys/{id}");
        var afterRevoke = await _admin.SendAsync(HttpMethod.Get, "/admin/clients?limit=1", token: key);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        var afterExpiry = await _admin.SendAsync(HttpMethod.Get, "/admin/clients?limit=1", token: shortLived);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (afterRevoke.Status, afterRevoke.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, afterExpiry.Status);
        Assert.Contains("expired", afterExpiry.Response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Keys_TheAuditActorIsTheKeysId_NeverItsSecret()
    {
        var (id, key) = await CreateKeyAsync("""{"name":"auditor","scopes":["client:admin"]}""");
        var created = await _admin.SendAsync(HttpMethod.Post, "/api/admin/clients", """{"client_name":"by key","redirect_uris":["https://a.example/cb"]}""", key);
        var clientId = created.Json.GetProperty("client").GetProperty("client_id").GetString();

        Answer events;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            events = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={clientId}", token: key);
            await Task.Delay(200, Ct);
        } while (events.Json.GetProperty("events").GetArrayLength() == 0 && DateTime.UtcNow < deadline);

        var actor = Assert.Single(events.Json.GetProperty("events").EnumerateArray()).GetProperty("actor");
        Assert.Equal(id, actor.GetProperty("id").GetString());
        Assert.DoesNotContain(key, events.Body);
    }

    [Fact]
    public async Task Keys_InvalidRequests_Return400()
    {
        var noScopes = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"x","scopes":[]}""");
        var unknownScope = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"x","scopes":["root"]}""");
        var pastExpiry = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"x","scopes":["clients:read"],"expires_at":1}""");

        Assert.All([noScopes, unknownScope, pastExpiry], a => Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (a.Status, a.Error)));
    }

    /// <summary>A member of the wrong JSON type is refused naming that member and its rule, never read loosely.</summary>
    [Theory]
    [InlineData("""{"name":null,"scopes":["clients:read"]}""", "name: required, at most 200 characters")]
    [InlineData("""{"name":7,"scopes":["clients:read"]}""", "name: required, at most 200 characters")]
    [InlineData("""{"scopes":["clients:read"]}""", "name: required, at most 200 characters")]
    [InlineData("""{"name":"x","scopes":"clients:read"}""", "scopes: required, from clients:read, clients:write, clients:delete, audit:read, client:admin")]
    [InlineData("""{"name":"x","scopes":["clients:read",null]}""", "scopes: required, from clients:read, clients:write, clients:delete, audit:read, client:admin")]
    [InlineData("""{"name":"x","scopes":["clients:read"],"expires_at":"99999999999999"}""", "expires_at: must be a future time in Unix milliseconds")]
    [InlineData("""{"name":"x","scopes":["clients:read"],"expires_at":99999999999999.5}""", "expires_at: must be a future time in Unix milliseconds")]
    [InlineData("""["name"]""", "The request body must be a JSON object (application/json).")]
    public async Task Keys_MemberOfTheWrongType_Is400NamingTheMember(string json, string detail)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", json);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.Equal(detail, answer.Json.GetProperty("detail").GetString());
    }

    private async Task<(string Id, string Key)> CreateKeyAsync(string json)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, "/api/admin/keys", json);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return (answer.Json.GetProperty("id").GetString()!, answer.Json.GetProperty("key").GetString()!);
    }

    private async Task<string> StoredHashAsync(string keyId)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ServiceDefaults.ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT key_hash FROM admin_api_keys WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", keyId);
        return (string)(await query.ExecuteScalarAsync(Ct))!;
    }
}
