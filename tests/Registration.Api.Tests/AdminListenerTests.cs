using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 31, item 4: admin power stays on the admin side. With a separate admin listener, an admin API key with
/// client:admin manages a client at /register/{id} through that listener only; on the public one it is refused like
/// any unknown token, whatever header the caller adds; the bootstrap secret works on neither.
/// </summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class AdminListenerTests(ClosedRegistrationPlatform platform)
{
    private readonly ClosedApi _api = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientAdminKey_ThroughTheAdminListener_ManagesTheClient_ThroughThePublicOne_401()
    {
        var (clientId, _) = await RegisterAsync();
        var key = await ClientAdminKeyAsync();

        var onAdmin = await SendAsync(platform.AdminListener, HttpMethod.Get, $"/register/{clientId}", key);
        var onPublic = await SendAsync(platform.Gateway, HttpMethod.Get, $"/register/{clientId}", key);
        var claimingAdmin = await SendAsync(platform.Gateway, HttpMethod.Delete, $"/register/{clientId}", key, ("X-ClientPlatform-Listener", "admin"));
        var stillThere = await SendAsync(platform.AdminListener, HttpMethod.Get, $"/admin/clients/{clientId}", platform.AdminSecret);

        Assert.Equal(HttpStatusCode.OK, onAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onPublic.StatusCode);
        Assert.Contains("error=\"invalid_token\"", onPublic.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, claimingAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task BootstrapSecret_AtRegister_401OnBothListeners()
    {
        var (clientId, _) = await RegisterAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(platform.AdminListener, HttpMethod.Get, $"/register/{clientId}", platform.AdminSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(platform.Gateway, HttpMethod.Get, $"/register/{clientId}", platform.AdminSecret)).StatusCode);
    }

    [Fact]
    public async Task AdminApi_OnlyOnTheAdminListener_RegistrationOnBoth()
    {
        var (clientId, token) = await RegisterAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(platform.Gateway, HttpMethod.Get, "/admin/clients", platform.AdminSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(platform.AdminListener, HttpMethod.Get, "/admin/clients", platform.AdminSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(platform.Gateway, HttpMethod.Get, $"/register/{clientId}", token)).StatusCode);
    }

    /// <summary>A registration through the public listener (the platform is closed: with an initial access token).</summary>
    private async Task<(string Id, string Token)> RegisterAsync()
    {
        var reply = await _api.RegisterAsync("""{"redirect_uris":["https://listener.example.org/cb"]}""", await _api.AnyTokenAsync());
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return (reply.String("client_id")!, reply.String("registration_access_token")!);
    }

    private async Task<string> ClientAdminKeyAsync()
    {
        using var response = await SendAsync(platform.AdminListener, HttpMethod.Post, "/admin/keys", platform.AdminSecret,
            body: """{"name":"listener","scopes":["client:admin"]}""");
        var reply = await Reply.FromAsync(response);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.String("key")!;
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient via, HttpMethod method, string path, string token, (string Name, string Value)? header = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (header is var (name, value))
            request.Headers.Add(name, value);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await via.SendAsync(request, Ct);
    }
}
