using System.Net;
using System.Net.Http.Headers;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// A POST whose every member has a default may come without a body, however its framing says so: no Content-Length, a
/// zero one, or a chunked body that ends at once (what arrives when the gateway forwards a browser's bodiless POST over
/// HTTP/2: an empty DATA frame).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BodilessPostTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    [Fact]
    public async Task AddSecret_WithAChunkedBodyThatEndsAtOnce_AddsOne()
    {
        var id = (await _admin.CreateAsync("""{"client_name":"bodiless","redirect_uris":["https://bodiless.example.org/cb"]}""")).GetProperty("client_id").GetString()!;

        using var chunked = new HttpRequestMessage(HttpMethod.Post, $"/admin/clients/{id}/secrets") { Content = new ByteArrayContent([]) };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin.Secret);
        using var added = await platform.Admin.SendAsync(chunked, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }
}
