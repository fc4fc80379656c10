using System.Net;
using System.Text;
using System.Text.Json;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 34: <c>PATCH /admin/clients/{id}</c> with a JSON Merge Patch (RFC 7396). Members sent replace the current values,
/// null removes one, the others stay; the patched client keeps every rule (the same as PUT's), or nothing changes;
/// another body type is 415 with Accept-Patch (RFC 5789); a stale If-Match is 412.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MergePatchTests(AdminApis platform)
{
    private const string MergePatch = "application/merge-patch+json";
    private readonly Admin _admin = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Patch_NullRemovesAMember_SentOnesReplace_TheOthersStay()
    {
        var id = await CreateAsync();

        var patched = await PatchAsync(id, """{"client_uri":null,"client_name":"renamed","contacts":["new@example.org"],"update_locked":true}""");
        var read = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}")).Json.GetProperty("client");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.False(read.TryGetProperty("client_uri", out var uri) && uri.ValueKind != JsonValueKind.Null, read.ToString());
        Assert.Equal("renamed", read.GetProperty("client_name").GetString());
        Assert.Equal(["new@example.org"], read.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("https://app.example.org/logo.png", read.GetProperty("logo_uri").GetString());
        Assert.Equal("https://app.example.org/cb", read.GetProperty("redirect_uris")[0].GetString());
        Assert.Equal("openid email", read.GetProperty("scope").GetString());
        Assert.True(read.GetProperty("update_locked").GetBoolean());
        Assert.Equal(patched.Json.GetProperty("client").ToString(), read.ToString());
    }

    [Fact]
    public async Task Patch_NullLock_Unlocks_AndAPatchThatChangesNothing_KeepsTheVersionAndAddsNoAuditRow()
    {
        var id = await CreateAsync();
        await PatchAsync(id, """{"update_locked":true,"delete_locked":true}""");

        var unlocked = await PatchAsync(id, """{"update_locked":null}""");
        var before = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");
        var empty = await PatchAsync(id, "{}");
        var same = await PatchAsync(id, """{"client_name":"patched","delete_locked":true}""");
        var after = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");
        // A real change last: the audit trail keeps one client's order, so once its row is there, any row of the two
        // patches before it would be too.
        await PatchAsync(id, """{"client_name":"changed at last"}""");
        var updates = await UpdatesAsync(id, atLeast: 3);

        Assert.False(unlocked.Json.GetProperty("client").GetProperty("update_locked").GetBoolean());
        Assert.True(unlocked.Json.GetProperty("client").GetProperty("delete_locked").GetBoolean());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (empty.Status, same.Status));
        Assert.Equal(before.Json.GetProperty("client").ToString(), empty.Json.GetProperty("client").ToString());
        Assert.Equal(before.Body, after.Body);
        Assert.Equal(before.Response.Headers.ETag, empty.Response.Headers.ETag);
        Assert.Equal(before.Response.Headers.ETag, after.Response.Headers.ETag);
        Assert.Equal(3, updates); // the lock, the unlock and the last change: nothing for the two that changed nothing
    }

    [Theory]
    [InlineData("""{"redirect_uris":null}""", "redirect_uris")]
    [InlineData("""{"redirect_uris":["http://app.example.org/cb"],"client_name":"kept?"}""", "redirect_uris")]
    [InlineData("""{"token_endpoint_auth_method":"none","grant_types":["client_credentials"],"response_types":[]}""", "client_credentials")]
    [InlineData("""{"grant_types":["client_credentials"]}""", "response_types")] // the current response_types stay
    [InlineData("""{"client_secret":"chosen"}""", "client_secret")]
    [InlineData("""{"client_id":null}""", "client_id")]
    [InlineData("""{"update_locked":"yes"}""", "update_locked")]
    [InlineData("""{"client_name":"a","client_name":"b"}""", "client_name: appears more than once")]
    public async Task Patch_ThatBreaksARule_400NamingIt_AndNothingChanges(string patch, string named)
    {
        var id = await CreateAsync();
        var before = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");

        var answer = await PatchAsync(id, patch);
        var after = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Contains(named, answer.Json.GetProperty("detail").GetString());
        Assert.Equal(before.Body, after.Body);
        Assert.Equal(before.Response.Headers.ETag, after.Response.Headers.ETag);
    }

    [Fact]
    public async Task Patch_AsApplicationJson_Is415_AndAcceptPatchNamesMergePatch()
    {
        var id = await CreateAsync();

        var answer = await SendAsync(id, """{"client_name":"plain json"}""", "application/json", ifMatch: null);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"), (answer.Status, answer.Error));
        Assert.Equal(MergePatch, Assert.Single(answer.Response.Headers.GetValues("Accept-Patch")));
    }

    [Fact]
    public async Task Patch_WithAStaleIfMatch_Is412_AndTheOtherAdministratorsChangeStays()
    {
        var id = await CreateAsync();
        var etag = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}")).Response.Headers.ETag!.Tag;

        var first = await SendAsync(id, """{"client_name":"first"}""", MergePatch, etag);
        var second = await SendAsync(id, """{"logo_uri":null}""", MergePatch, etag);
        var current = await SendAsync(id, """{"logo_uri":null}""", MergePatch, first.Response.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((HttpStatusCode.PreconditionFailed, "precondition_failed"), (second.Status, second.Error));
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal("first", current.Json.GetProperty("client").GetProperty("client_name").GetString());
    }

    /// <summary>How many client_updated rows the client's audit trail holds, once it holds at least <paramref name="atLeast"/> (or after 15 s).</summary>
    private async Task<int> UpdatesAsync(string id, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var listed = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={id}&action=client_updated");
            var total = listed.Json.GetProperty("pagination").GetProperty("total").GetInt32();
            if (total >= atLeast || DateTime.UtcNow > deadline)
                return total;
            await Task.Delay(200, Ct);
        }
    }

    private async Task<string> CreateAsync() =>
        (await _admin.CreateAsync("""
            {"client_name":"patched","redirect_uris":["https://app.example.org/cb"],"client_uri":"https://app.example.org",
             "logo_uri":"https://app.example.org/logo.png","contacts":["old@example.org"],"scope":"openid email"}
            """)).GetProperty("client_id").GetString()!;

    private Task<Answer> PatchAsync(string id, string patch) => SendAsync(id, patch, MergePatch, ifMatch: null);

    private Task<Answer> SendAsync(string id, string body, string mediaType, string? ifMatch) =>
        _admin.SendAsync(HttpMethod.Patch, $"/admin/clients/{id}", body, mediaType: mediaType,
            headers: ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch });
}
