using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 34: a private_key_jwt client's keys rotated by an administrator with no moment without a key: a new key staged
/// (not in jwks), activated (both published), the old one deactivated (only the new one); never its last active key; a
/// private key, a key without kid and a second key of one kid refused; each change audited and versioned.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class KeySetTests(AdminApis platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly Admin _admin = new(platform);

    [Fact]
    public async Task Rotation_StageActivateDeactivate_JwksFollowsTheActiveKeys_AndTheLastActiveKeyStays()
    {
        var id = await CreateKeyClientAsync("old");
        var path = $"/admin/clients/{id}/keys";

        var staged = await _admin.SendAsync(HttpMethod.Post, path, $$"""{"jwk":{{PublicJwk("new")}},"active":false}""");
        var whileStaged = await KidsInJwksAsync(id);
        var activated = await _admin.SendAsync(HttpMethod.Post, $"{path}/new/activate");
        var whileBoth = await KidsInJwksAsync(id);
        var deactivated = await _admin.SendAsync(HttpMethod.Post, $"{path}/old/deactivate");
        var afterwards = await KidsInJwksAsync(id);
        var lastOne = await _admin.SendAsync(HttpMethod.Post, $"{path}/new/deactivate");
        var lastRemoved = await _admin.SendAsync(HttpMethod.Delete, $"{path}/new");
        var removedStaged = await _admin.SendAsync(HttpMethod.Delete, $"{path}/old");
        var list = await _admin.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.Created, staged.Status);
        Assert.Equal(["old"], whileStaged);
        Assert.Equal(HttpStatusCode.OK, activated.Status);
        Assert.Equal(["old", "new"], whileBoth);
        Assert.Equal(HttpStatusCode.OK, deactivated.Status);
        Assert.Equal(["new"], afterwards);
        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (lastOne.Status, lastOne.Error));
        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (lastRemoved.Status, lastRemoved.Error));
        Assert.Equal(HttpStatusCode.OK, removedStaged.Status);
        var keys = list.Json.GetProperty("keys").EnumerateArray().Select(k => (k.GetProperty("kid").GetString(), k.GetProperty("active").GetBoolean())).ToList();
        Assert.Equal([("new", true)], keys);
        var actions = await AuditActionsAsync(id, 4);
        Assert.Equal(["key_removed", "key_deactivated", "key_activated", "key_added"], actions);
    }

    [Theory]
    [InlineData("""{"jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"secret","kid":"p"}}""", "jwk: the key contains private key material (\"d\")")]
    [InlineData("""{"jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b"}}""", "jwk: needs a \"kid\"")]
    [InlineData("""{"jwk":"not a key"}""", "jwk: required, a JSON object")]
    public async Task Add_ABadKey_400NamingWhy_AndNothingChanges(string body, string problem)
    {
        var id = await CreateKeyClientAsync("only");
        var etag = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}")).Response.Headers.ETag!.Tag;

        var answer = await _admin.SendAsync(HttpMethod.Post, $"/admin/clients/{id}/keys", body);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.StartsWith(problem, answer.Json.GetProperty("detail").GetString());
        Assert.Equal(etag, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}")).Response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Add_AKidTheClientHas_409_AndAStaleIfMatch_412()
    {
        var id = await CreateKeyClientAsync("k1");

        var twice = await _admin.SendAsync(HttpMethod.Post, $"/admin/clients/{id}/keys", $$"""{"jwk":{{PublicJwk("k1")}}}""");
        var stale = await _admin.SendAsync(HttpMethod.Post, $"/admin/clients/{id}/keys", $$"""{"jwk":{{PublicJwk("k2")}}}""",
            headers: new Dictionary<string, string> { ["If-Match"] = "\"0\"" });

        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (twice.Status, twice.Error));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
    }

    private async Task<string> CreateKeyClientAsync(string kid)
    {
        var created = await _admin.CreateAsync($$$"""
            {"client_name":"keys","redirect_uris":["https://keys.example.org/cb"],"token_endpoint_auth_method":"private_key_jwt",
             "jwks":{"keys":[{{{PublicJwk(kid)}}}]}}
            """);
        return created.GetProperty("client_id").GetString()!;
    }

    private async Task<List<string>> KidsInJwksAsync(string id)
    {
        var client = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}")).Json.GetProperty("client");
        return [.. client.GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private async Task<List<string>> AuditActionsAsync(string id, int keyEvents)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={id}");
            var actions = events.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()!)
                .Where(a => a.StartsWith("key_", StringComparison.Ordinal)).ToList();
            if (actions.Count >= keyEvents || DateTime.UtcNow > deadline)
                return actions;
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>A real P-256 public key as a JWK (RFC 7518 §6.2.1), with this kid.</summary>
    private static string PublicJwk(string kid)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(point.X), ["y"] = Base64Url.EncodeToString(point.Y),
            ["kid"] = kid, ["use"] = "sig", ["alg"] = "ES256",
        });
    }
}
