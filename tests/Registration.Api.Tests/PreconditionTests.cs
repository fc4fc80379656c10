using System.Net;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 34 on the RFC 7592 side: a read answers the registration's version as an ETag; an update, delete or rotation
/// sent with If-Match is made on that version only (412 invalid_request otherwise, RFC 9110 §13.1.1), so a client's
/// deployment cannot overwrite what an administrator changed a moment before. Without If-Match, nothing changes.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PreconditionTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    [Fact]
    public async Task Update_WithTheVersionItRead_Goes_WithAVersionAnAdministratorReplaced_Is412AndChangesNothing()
    {
        var client = await _api.RegisteredAsync();
        var read = await _api.ReadAsync(client.Id, client.Token);
        var etag = read.Response.Headers.ETag!.Tag;

        var updated = await _api.SendAsync(HttpMethod.Put, client.Id, client.Token, Api.UpdateBody(read.Json, b => b["client_name"] = "mine"), ifMatch: etag);
        var token = updated.String("registration_access_token")!;
        var admin = new HttpRequestMessage(HttpMethod.Put, $"/admin/clients/{client.Id}")
        {
            Content = new StringContent("""{"client_name":"the administrator's"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        admin.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", platform.AdminSecret);
        Assert.Equal(HttpStatusCode.OK, (await platform.Admin.SendAsync(admin, TestContext.Current.CancellationToken)).StatusCode);
        var stale = await _api.SendAsync(HttpMethod.Put, client.Id, token, Api.UpdateBody(updated.Json, b => b["client_name"] = "overwrite"),
            ifMatch: updated.Response.Headers.ETag!.Tag);
        var staleDelete = await _api.SendAsync(HttpMethod.Delete, client.Id, token, null, ifMatch: etag);
        var now = await _api.ReadAsync(client.Id, token);

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.NotEqual(etag, updated.Response.Headers.ETag!.Tag);
        Assert.Equal((HttpStatusCode.PreconditionFailed, "invalid_request"), (stale.Status, stale.Error));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.Status);
        Assert.Equal("the administrator's", now.String("client_name"));
        Assert.NotEqual(updated.Response.Headers.ETag!.Tag, now.Response.Headers.ETag!.Tag);
    }
}
