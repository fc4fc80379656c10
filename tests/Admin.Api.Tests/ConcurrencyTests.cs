extern alias AdminApi;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 34: optimistic concurrency on clients (RFC 9110 §13.1.1). Two administrators edit one client: the second,
/// holding the version both read, gets 412 and nothing is lost; a client changed at the same moment is never a 500;
/// a deployment that requires If-Match refuses a change without it with 428 (RFC 6585 §3).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConcurrencyTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoAdministrators_EditOneClient_TheSecondGets412_NothingIsLost()
    {
        var id = (await _admin.CreateAsync("""{"client_name":"shared","redirect_uris":["https://app.example.org/cb"]}""")).GetProperty("client_id").GetString()!;
        var read = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");
        var etag = read.Response.Headers.ETag!.Tag;

        var first = await SendAsync(platform.Admin, HttpMethod.Put, $"/admin/clients/{id}", """{"client_name":"first"}""", etag);
        var second = await SendAsync(platform.Admin, HttpMethod.Put, $"/admin/clients/{id}", """{"client_name":"second"}""", etag);
        var staleDelete = await SendAsync(platform.Admin, HttpMethod.Delete, $"/admin/clients/{id}", null, etag);
        var staleRegenerate = await SendAsync(platform.Admin, HttpMethod.Post, $"/admin/clients/{id}/regenerate-secret", null, etag);
        var now = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");
        var anyVersion = await SendAsync(platform.Admin, HttpMethod.Put, $"/admin/clients/{id}", """{"client_uri":"https://app.example.org"}""", "*");
        var weak = await SendAsync(platform.Admin, HttpMethod.Put, $"/admin/clients/{id}", """{"client_name":"weak"}""", $"W/{anyVersion.Response.Headers.ETag!.Tag}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotEqual(etag, first.Response.Headers.ETag!.Tag);
        Assert.Equal((HttpStatusCode.PreconditionFailed, "precondition_failed"), (second.Status, second.Error));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleRegenerate.Status);
        Assert.Equal("first", now.Json.GetProperty("client").GetProperty("client_name").GetString());
        Assert.Equal(first.Response.Headers.ETag!.Tag, now.Response.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, anyVersion.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.Status); // If-Match compares strongly
    }

    [Fact]
    public async Task TwentyConcurrentChanges_WithoutIfMatch_EachIsAnsweredOkOr409_NeverA500()
    {
        var id = (await _admin.CreateAsync("""{"client_name":"busy","redirect_uris":["https://app.example.org/cb"]}""")).GetProperty("client_id").GetString()!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            SendAsync(platform.Admin, HttpMethod.Put, $"/admin/clients/{id}", $$"""{"client_name":"writer {{i}}"}""", ifMatch: null)));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{a.Status}: {a.Body}"));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);
        var final = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}")).Json.GetProperty("client").GetProperty("client_name").GetString();
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK && a.Json.GetProperty("client").GetProperty("client_name").GetString() == final);
    }

    [Fact]
    public async Task RequireIfMatch_AChangeWithoutIt_Is428_WithIt_Goes()
    {
        var strict = platform.Start<AdminApi::Program>(new Dictionary<string, string?> { ["Admin:RequireIfMatch"] = "true" });
        using var http = strict.CreateClient();
        var id = (await _admin.CreateAsync("""{"client_name":"strict","redirect_uris":["https://app.example.org/cb"]}""")).GetProperty("client_id").GetString()!;

        var without = await SendAsync(http, HttpMethod.Put, $"/admin/clients/{id}", """{"client_name":"blind"}""", ifMatch: null);
        var etag = (await SendAsync(http, HttpMethod.Get, $"/admin/clients/{id}", null, ifMatch: null)).Response.Headers.ETag!.Tag;
        var with = await SendAsync(http, HttpMethod.Put, $"/admin/clients/{id}", """{"client_name":"seen"}""", etag);

        Assert.Equal((HttpStatusCode.PreconditionRequired, "precondition_required"), (without.Status, without.Error));
        Assert.Equal(HttpStatusCode.OK, with.Status);
    }

    private async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, string? json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin.Secret);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request, Ct);
        return new Answer(response.StatusCode, response, await response.Content.ReadAsStringAsync(Ct));
    }
}
