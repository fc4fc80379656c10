using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 15: text that cannot be stored (a NUL byte or another control character, or bytes that are not UTF-8)
/// in a query parameter, a path segment, a header or a JSON string is a 400 invalid_request naming it, in
/// problem+json, before any query runs — never a 500 from PostgreSQL refusing it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BadTextTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    [Theory]
    [InlineData("/admin/clients?search=%00", "search: must not contain control characters")]
    [InlineData("/admin/audit?resource_id=%00", "resource_id: must not contain control characters")]
    [InlineData("/admin/audit?actor=a%01b", "actor: must not contain control characters")]
    [InlineData("/api/admin/clients?search=%FF%FE", "search: must be valid percent-encoded UTF-8")]
    [InlineData("/admin/clients?%00=1", "query parameter name 'U+0000': must not contain control characters")]
    [InlineData("/admin/clients/abc%01def", "clientId: must not contain control characters")]
    public async Task Get_WithUnstorableText_Is400NamingIt(string path, string expected)
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, path);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request", "application/problem+json"), (answer.Status, answer.Error, answer.MediaType));
        Assert.Equal(expected, answer.Json.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/admin/keys", """{"name":"a\u0000b","scopes":["clients:read"]}""", "name: must not contain control characters")]
    [InlineData("/admin/clients", """{"client_name":"x","redirect_uris":["https://a.example/cb"],"x-note":"\u0007"}""", "x-note: must not contain control characters")]
    [InlineData("/admin/keys", """{"name":"k","\ud800":1,"scopes":["clients:read"]}""", "a member name: must be valid Unicode text")]
    public async Task Post_JsonStringWithControlCharacters_Is400NamingTheMember(string path, string body, string expected)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, path, body);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.Equal(expected, answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BulkDelete_IdWithNul_Is400NamingIt_AndDeletesNothing()
    {
        var kept = (await _admin.CreateAsync("""{"client_name":"kept","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString();

        var answer = await _admin.SendAsync(HttpMethod.Delete, "/admin/clients/bulk", $$"""{"client_ids":["{{kept}}","x\u0000"]}""");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.Equal("client_ids[1]: must not contain control characters", answer.Json.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{kept}")).Status);
    }

    /// <summary>The admin API refuses a header it would store, from a caller that reaches it directly too (the gateway's own refusal: EndToEnd.Tests).</summary>
    [Fact]
    public async Task UserAgentWithControlCharacter_Is400NamingTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/clients");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {_admin.Secret}");
        request.Headers.TryAddWithoutValidation("User-Agent", "probe\u0001");

        var response = await platform.Admin.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("User-Agent header: must not contain control characters", body);
    }
}
