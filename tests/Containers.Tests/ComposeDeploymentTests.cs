using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ClientPlatform.Containers.Tests;

/// <summary>
/// Issue 32: deploy/compose run under Podman from the images deploy/images builds — the migration job first, the APIs
/// after it, the gateway terminating TLS — and used as a client and an administrator would, through the gateway only.
/// </summary>
public sealed class ComposeDeploymentTests(ComposeStack stack) : IClassFixture<ComposeStack>
{
    [Fact]
    public async Task ComposeStack_OverTls_RegistersReadsUpdatesDeletes_TheAdminApiSeesIt_AndEveryChangeIsAudited()
    {
        await stack.UpAsync(); // a no-op unless another test took the stack down
        using var http = stack.Client(stack.PublicUrl);
        using var admin = stack.Client(stack.AdminUrl);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.AdminSecret);

        var (clientId, token, clientUri) = await RegisterAsync(http);
        using var read = await SendAsync(http, HttpMethod.Get, clientUri, token);
        var metadata = JsonNode.Parse(await read.Content.ReadAsStringAsync(Ct))!.AsObject();
        // RFC 7592 §2.2: the PUT carries the client's metadata, without what the server issued.
        foreach (var issued in new[] { "registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at" })
            metadata.Remove(issued);
        metadata["client_name"] = "renamed over TLS";
        using var updated = await SendAsync(http, HttpMethod.Put, clientUri, token, metadata.ToJsonString());
        // Every update by the client rotates its registration access token (MGT-38): the answer carries the new one.
        var rotated = JsonNode.Parse(await updated.Content.ReadAsStringAsync(Ct))?["registration_access_token"]?.GetValue<string>() ?? "";
        var seenByAdmin = await admin.GetFromJsonAsync<JsonObject>($"/admin/clients/{clientId}", Ct);
        using var deleted = await SendAsync(http, HttpMethod.Delete, clientUri, rotated);
        using var readAfterDelete = await SendAsync(http, HttpMethod.Get, clientUri, rotated);

        // RFC 7591 §3.2.1 / RFC 7592: the whole cycle, over HTTPS, at the URL the platform handed out.
        Assert.StartsWith($"{stack.PublicUrl.GetLeftPart(UriPartial.Authority)}/register/", clientUri.ToString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Ct));
        Assert.Equal("renamed over TLS", seenByAdmin!["client"]!["client_name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, readAfterDelete.StatusCode);

        // The audit worker writes each change from the broker; the admin API lists them.
        string[] expected = ["client_registered", "client_read", "client_updated", "registration_token_rotated", "client_deleted"];
        var actions = Array.Empty<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && !expected.All(actions.Contains); await Task.Delay(500, Ct))
        {
            var page = await admin.GetFromJsonAsync<JsonObject>($"/admin/audit?resource_id={clientId}&limit=50", Ct);
            actions = page!["events"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToArray();
        }
        Assert.True(expected.Order().SequenceEqual(actions.Order()),
            $"audit actions [{string.Join(", ", actions.Order())}]; the pipeline's warnings:\n{await stack.WarningsAsync("registration-api", "audit-worker", "rabbitmq")}");
        // 503 says "retry later" (the worker, which alone holds the chain's key, could not answer yet): as a client would.
        HttpResponseMessage verification;
        var tries = 0;
        while ((verification = await admin.GetAsync("/admin/audit/verify", Ct)).StatusCode == HttpStatusCode.ServiceUnavailable && ++tries < 30)
            await Task.Delay(1000, Ct);
        var answer = await verification.Content.ReadAsStringAsync(Ct);
        Assert.True(verification.StatusCode == HttpStatusCode.OK,
            $"{verification.StatusCode}: {answer}; the worker's warnings:\n{await stack.WarningsAsync("audit-worker", "admin-api")}");
        Assert.True(JsonNode.Parse(answer)!["valid"]!.GetValue<bool>(), answer);
    }

    [Fact]
    public async Task ComposeStack_PlainHttpRedirects_HstsOnHttps_AdminOnlyOnTheAdminListener()
    {
        await stack.UpAsync();
        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = stack.PlainHttpUrl };
        using var http = stack.Client(stack.PublicUrl);

        using var redirected = await plain.PostAsync("/register?x=1", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        using var hsts = new HttpRequestMessage(HttpMethod.Get, "/health");
        hsts.Headers.Host = "auth.example.test"; // HSTS is never sent for localhost (browsers would pin it for every local app)
        using var secured = await http.SendAsync(hsts, Ct);
        using var adminOnPublic = new HttpRequestMessage(HttpMethod.Get, "/admin/clients");
        adminOnPublic.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.AdminSecret);
        using var refused = await http.SendAsync(adminOnPublic, Ct);

        // 308 keeps the method and body (RFC 9110 §15.4.9): the client's POST arrives as a POST over TLS.
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal(new Uri($"https://localhost:{stack.HttpsPort}/register?x=1"), redirected.Headers.Location);
        Assert.Equal("max-age=31536000", Assert.Single(secured.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task ComposeStack_Broker_EachServiceConnectsAsItsOwnUser_AllowedOnlyItsPartOfTheAuditPipeline()
    {
        await stack.UpAsync();
        using (var http = stack.Client(stack.PublicUrl))
            await RegisterAsync(http); // an audit event published and consumed: every service connected

        string[] services = ["admin-api", "audit-worker", "registration-api"];
        var connected = Array.Empty<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && !services.All(connected.Contains); await Task.Delay(500, Ct))
        {
            var (_, connections) = await stack.ExecAsync("rabbitmq", "rabbitmqctl", "list_connections", "user", "--quiet", "--formatter", "json");
            connected = JsonNode.Parse(connections)!.AsArray().Select(c => c!["user"]!.GetValue<string>()).Distinct().Order().ToArray();
        }
        var (exitCode, listed) = await stack.ExecAsync("rabbitmq", "rabbitmqctl", "list_permissions", "--quiet", "--formatter", "json");
        var permissions = JsonNode.Parse(listed)!.AsArray().ToDictionary(p => p!["user"]!.GetValue<string>(),
            p => (p!["configure"]!.GetValue<string>(), p["write"]!.GetValue<string>(), p["read"]!.GetValue<string>()));

        // Issue 31, item 5: no service holds the operator's user (clientplatform); each connects as its own.
        Assert.Equal(services, connected);
        Assert.True(exitCode == 0, listed);
        // The APIs may only publish to the audit exchange, the worker only consume its queue; none may declare or delete.
        Assert.Equal(("^$", "^audit\\.events$", "^$"), permissions["registration-api"]);
        Assert.Equal(("^$", "^audit\\.events$", "^$"), permissions["admin-api"]);
        Assert.Equal(("^$", "^$", "^audit\\.log$"), permissions["audit-worker"]);
        Assert.Equal((".*", ".*", ".*"), permissions["clientplatform"]);
    }

    [Fact]
    public async Task ComposeStack_DownThenUp_KeepsEveryClient_DownWithVolumes_LeavesNothing()
    {
        await stack.UpAsync();
        using (var http = stack.Client(stack.PublicUrl))
        {
            var (_, token, clientUri) = await RegisterAsync(http);

            await stack.DownAsync(volumes: false);
            var afterDown = await stack.ComposeAsync("ps", "--quiet");
            await stack.UpAsync();
            using var read = await SendAsync(http, HttpMethod.Get, clientUri, token);

            Assert.Equal("", afterDown.Output.Trim());
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        await stack.DownAsync(volumes: true);

        Assert.Equal("", await stack.LeftoversAsync());
    }

    private static async Task<(string ClientId, string Token, Uri ClientUri)> RegisterAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/register", new StringContent(
            """{"redirect_uris":["https://app.example.com/cb"],"client_name":"compose"}""", Encoding.UTF8, "application/json"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var registered = JsonNode.Parse(body)!;
        return (registered["client_id"]!.GetValue<string>(), registered["registration_access_token"]!.GetValue<string>(),
            new Uri(registered["registration_client_uri"]!.GetValue<string>()));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri url, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.SendAsync(request, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
