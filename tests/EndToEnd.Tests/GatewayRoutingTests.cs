using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayRoutingTests(EndToEndPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_RegisterPath_IsServedByRegistrationApi()
    {
        // Act
        var response = await platform.Gateway.GetAsync("/register/_instance", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instance = await response.Content.ReadFromJsonAsync<InstanceInfo>(Ct);
        Assert.Equal(ResourceNames.RegistrationApi, instance!.Service);
    }

    [Theory]
    [InlineData("/admin/_instance")]
    [InlineData("/api/admin/_instance")]
    public async Task Get_AdminPaths_AreServedByAdminApi(string path)
    {
        var response = await platform.Gateway.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instance = await response.Content.ReadFromJsonAsync<InstanceInfo>(Ct);
        Assert.Equal(ResourceNames.AdminApi, instance!.Service);
    }

    /// <summary>
    /// Issue 35, as an authorization server meets it: a client id that is an https URL, resolved through the gateway twice
    /// (one fetch of its document), then read by an administrator by that URL, escaped as one path segment.
    /// </summary>
    [Fact]
    public async Task ResolveMetadataDocument_ThroughTheGateway_FetchesItOnce_AndTheClientIsReadByItsUrl()
    {
        var url = TestDocumentServer.ServeAt(u => $$"""{"client_id":"{{u}}","client_name":"Gateway agent","redirect_uris":["https://agent.example.com/cb"]}""",
            cacheControl: "max-age=600");

        using var first = await AdminGetAsync($"/admin/clients/resolve?client_id={Uri.EscapeDataString(url)}");
        using var second = await AdminGetAsync($"/api/admin/clients/resolve?client_id={Uri.EscapeDataString(url)}");
        using var read = await AdminGetAsync($"/admin/clients/{Uri.EscapeDataString(url)}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode, read.StatusCode));
        Assert.Equal(1, TestDocumentServer.Hits(url));
        var client = (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("client");
        Assert.Equal((url, "metadata_document", "Gateway agent"),
            (client.GetProperty("client_id").GetString(), client.GetProperty("source").GetString(), client.GetProperty("client_name").GetString()));
    }

    private Task<HttpResponseMessage> AdminGetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", platform.AdminSecret);
        return platform.Gateway.SendAsync(request, Ct);
    }

    /// <summary>Issue 14: both OpenAPI documents and the reference page, where a developer finds them: through the gateway.</summary>
    [Theory]
    [InlineData("/register/openapi.json", "ClientPlatform registration API")]
    [InlineData("/admin/openapi.json", "ClientPlatform admin API")]
    public async Task Get_OpenApiDocuments_AreServedThroughTheGateway(string path, string title)
    {
        var response = await platform.Gateway.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("3.1.", document.RootElement.GetProperty("openapi").GetString());
        Assert.Equal(title, document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Get_AdminDocs_ServesTheApiReferenceLocally()
    {
        // ./run.sh runs the services in Development, where ApiReference:Enabled defaults to on.
        var response = await platform.Gateway.GetAsync("/admin/docs/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("admin/openapi.json", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Get_ThroughGateway_ServiceSeesTheCallersHostSchemeAndAddress()
    {
        // Arrange: the host name a client used to reach the gateway, and an address it claims to come from.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/register/_instance");
        request.Headers.Host = "auth.example.test:8443";
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        // Act
        var response = await platform.Gateway.SendAsync(request, Ct);

        // Assert: X-Forwarded-Host/Proto reach the API; a client's own X-Forwarded-For is not trusted as its address.
        var instance = await response.Content.ReadFromJsonAsync<InstanceInfo>(Ct);
        Assert.Equal("auth.example.test:8443", instance!.Host);
        Assert.Equal("http", instance.Scheme);
        Assert.Equal("127.0.0.1", instance.RemoteIp);
    }

    [Theory]
    [InlineData("/register/_instance")]
    [InlineData("/api/admin/_instance")]
    public async Task Get_ThroughGateway_ReachesTheReplicaOverHttp2(string path)
    {
        // Act: the caller speaks HTTP/1.1 to the gateway.
        var instance = await platform.Gateway.GetFromJsonAsync<InstanceInfo>(path, Ct);

        // Assert: the gateway spoke HTTP/2 to the replica, on the replica's HTTP/2-only endpoint.
        Assert.Equal("HTTP/2", instance!.Protocol);
    }

    [Fact]
    public async Task Get_ReplicaUrlDirectly_IsServedOverHttp11()
    {
        // Act: a caller that reaches a replica's own URL, as an operator's curl does.
        var replica = platform.Replicas(ResourceNames.RegistrationApi)[0];
        using var http = new HttpClient();
        var instance = await http.GetFromJsonAsync<InstanceInfo>(new Uri(new Uri(replica.Url!), "/register/_instance"), Ct);

        // Assert
        Assert.Equal("HTTP/1.1", instance!.Protocol);
        Assert.Equal(replica.Pid, instance.Pid);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/registration")]
    [InlineData("/adminx/clients")]
    public async Task Get_UnroutedPath_Returns404WithJsonError(string path)
    {
        var response = await platform.Gateway.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("not_found", body.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/admin/openapi.json")]
    [InlineData("/register/some-client")]
    public async Task Get_WithContent_400AtTheEdge_TenTimesOnFreshConnections(string path)
    {
        // RFC 9110 §9.3.1: content on a GET means nothing and is a smuggling lever; refused whole, never half passed on.
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path)
            {
                Content = new StringContent(new string('[', 4186), System.Text.Encoding.UTF8, "application/json"),
                Headers = { ConnectionClose = true },
            };
            using var response = await platform.Gateway.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
            // In the route's format (issue 36): problem+json on the admin API, the OAuth error object elsewhere.
            var admin = path.StartsWith("/admin", StringComparison.Ordinal);
            Assert.Equal(admin ? "application/problem+json" : "application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("takes no content", body.RootElement.GetProperty(admin ? "detail" : "error_description").GetString());
        }
    }

    [Fact]
    public async Task Post_BodyOver64KiB_Returns413BeforeReachingAnApi()
    {
        var body = new StringContent(new string('a', 64 * 1024 + 1), System.Text.Encoding.UTF8, "application/json");

        var response = await platform.Gateway.PostAsync("/register", body, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOver64KiBWithoutContentLength_Returns413()
    {
        // Chunked: the limit must hold when the size is not announced up front.
        var content = new StreamContent(new MemoryStream(new byte[100 * 1024]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/register") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await platform.Gateway.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_ManyOverLimitBodiesOnKeptAliveConnections_EveryOneIsAnswered413()
    {
        // The client sends each whole body before reading the answer. Had the gateway closed a connection with the
        // rest of a refused body unread, the reset could erase its 413 before the client read it (RFC 9112 §9.6).
        using var http = new HttpClient { BaseAddress = platform.Gateway.BaseAddress };
        for (var i = 0; i < 40; i++)
        {
            HttpContent content = i % 2 == 0
                ? new StringContent(new string('a', 64 * 1024 + 1), System.Text.Encoding.UTF8, "application/json")
                : new StreamContent(new MemoryStream(new byte[100 * 1024]));
            content.Headers.ContentType = new("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/register") { Content = content };
            request.Headers.TransferEncodingChunked = i % 2 == 1;

            using var response = await http.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
    }

    [Fact]
    public async Task Post_BodyOfExactly64KiB_IsPassedOnToTheRegistrationApi()
    {
        var body = new StringContent(new string('a', 64 * 1024), System.Text.Encoding.UTF8, "application/json");

        var response = await platform.Gateway.PostAsync("/register", body, Ct);

        // At the limit the gateway passes it on; the API refuses it for not being JSON, not for its size.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("The request body is not valid JSON.", error.RootElement.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Get_GatewayHealth_WithBothClustersUp_Returns200()
    {
        var response = await platform.Gateway.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Issue 15: the gateway refuses a header it could not forward, before any service sees it.</summary>
    [Fact]
    public async Task Get_AdminPathWithAControlCharacterInUserAgent_IsRefusedByTheGateway_NamingTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/clients");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {platform.AdminSecret}");
        request.Headers.TryAddWithoutValidation("User-Agent", "probe\u0001");

        var response = await platform.Gateway.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("User-Agent header: must be visible ASCII (RFC 9110, section 5.5)", await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>
    /// Past the gateway such a path could not be told apart (forwarding re-encodes its '%'), so the gateway refuses it,
    /// in its route's error format: problem+json on the admin API, the OAuth error object on /register (issue 36).
    /// </summary>
    [Theory]
    [InlineData("/admin/clients/abc%C3", "application/problem+json", "detail")]
    [InlineData("/register/abc%FF%FEdef", "application/json", "error_description")]
    public async Task Get_PathNotUtf8_IsRefusedByTheGateway_InTheRoutesFormat(string path, string mediaType, string described)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {platform.AdminSecret}");

        var response = await platform.Gateway.SendAsync(request, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request", mediaType),
            (response.StatusCode, body.GetProperty("error").GetString(), response.Content.Headers.ContentType?.MediaType));
        Assert.Equal("path: must be valid percent-encoded UTF-8", body.GetProperty(described).GetString());
    }

    /// <summary>A NUL in the path never gets past the gateway's HTTP server (Kestrel refuses it with a bare 400).</summary>
    [Fact]
    public async Task Delete_NulInThePath_IsRefusedAtTheGateway()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/admin/keys/key%00");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {platform.AdminSecret}");

        var response = await platform.Gateway.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
