using System.Net;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 34: <c>Idempotency-Key</c> on the admin API's create, regenerate and secret add. A repeat gets the first answer
/// (the secret shown once, shown again to the key's holder) and changes nothing; the key is the caller's: another
/// administrator's credential with the same key is another request; another body is 422 in problem+json.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotencyTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    [Fact]
    public async Task Create_RepeatedWithTheSameKey_OneClient_TheSameSecret()
    {
        var key = Guid.NewGuid().ToString();
        const string body = """{"client_name":"idempotent admin","redirect_uris":["https://admin-idem.example.org/cb"]}""";

        var first = await SendAsync(HttpMethod.Post, "/admin/clients", body, key);
        var again = await SendAsync(HttpMethod.Post, "/admin/clients", body, key);
        var listed = await _admin.SendAsync(HttpMethod.Get, "/admin/clients?search=idempotent%20admin");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((HttpStatusCode.Created, first.Body), (again.Status, again.Body));
        Assert.Equal(1, listed.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Create_SameKeyAnotherBody_422ProblemJson()
    {
        var key = Guid.NewGuid().ToString();
        await SendAsync(HttpMethod.Post, "/admin/clients", """{"client_name":"first body","redirect_uris":["https://admin-idem.example.org/1"]}""", key);

        var other = await SendAsync(HttpMethod.Post, "/admin/clients", """{"client_name":"second body","redirect_uris":["https://admin-idem.example.org/2"]}""", key);

        Assert.Equal(((HttpStatusCode)422, "invalid_request", "application/problem+json"), (other.Status, other.Error, other.MediaType));
    }

    [Fact]
    public async Task Regenerate_RepeatedWithTheSameKey_OneNewSecret_AndAnotherCredentialIsAnotherRequest()
    {
        var id = (await _admin.CreateAsync("""{"client_name":"regen idem","redirect_uris":["https://admin-idem.example.org/cb"]}""")).GetProperty("client_id").GetString()!;
        var key = Guid.NewGuid().ToString();
        var otherAdmin = (await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"other","scopes":["clients:write"]}""")).Json.GetProperty("key").GetString()!;

        var first = await SendAsync(HttpMethod.Post, $"/admin/clients/{id}/regenerate-secret", null, key);
        var again = await SendAsync(HttpMethod.Post, $"/admin/clients/{id}/regenerate-secret", null, key);
        var byOther = await SendAsync(HttpMethod.Post, $"/admin/clients/{id}/regenerate-secret", null, key, otherAdmin);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(HttpStatusCode.OK, byOther.Status);
        Assert.NotEqual(first.Json.GetProperty("client_secret").GetString(), byOther.Json.GetProperty("client_secret").GetString());
    }

    private Task<Answer> SendAsync(HttpMethod method, string path, string? json, string key, string? credential = null) =>
        _admin.SendAsync(method, path, json, credential ?? "", headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });
}
