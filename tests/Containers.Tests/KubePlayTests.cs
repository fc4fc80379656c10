using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ClientPlatform.Containers.Tests;

/// <summary>
/// Issue 32: the Kubernetes dev overlay's pods run under `podman kube play` (deploy/k8s/podman/kube-play.sh), from the
/// images deploy/images builds, and are used as a client and an administrator would: through the gateway, over TLS.
/// </summary>
public sealed class KubePlayTests(KubePlayPods pods) : IClassFixture<KubePlayPods>
{
    [Fact]
    public async Task DevOverlayPods_OverTls_RegisterReadDelete_TheAdminApiSeesIt_AuditedThroughEachServicesBrokerUser()
    {
        await pods.UpAsync(); // a no-op unless another test took the pods down
        using var http = pods.Client(pods.PublicUrl);
        using var admin = pods.Client(pods.AdminUrl);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pods.AdminSecret);

        using var registered = await http.PostAsync("/register", new StringContent(
            """{"redirect_uris":["https://app.example.com/cb"],"client_name":"kube play"}""", Encoding.UTF8, "application/json"), Ct);
        var body = JsonNode.Parse(await registered.Content.ReadAsStringAsync(Ct))!;
        var clientId = body["client_id"]!.GetValue<string>();
        var clientUri = new Uri(body["registration_client_uri"]!.GetValue<string>());
        using var read = await SendAsync(http, HttpMethod.Get, clientUri, body["registration_access_token"]!.GetValue<string>());
        var seenByAdmin = await admin.GetFromJsonAsync<JsonObject>($"/admin/clients/{clientId}", Ct);
        using var deleted = await SendAsync(http, HttpMethod.Delete, clientUri, body["registration_access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        // RFC 7591 §3.2.1: at the public base URL the overlay's ConfigMap gives, over HTTPS.
        Assert.StartsWith($"{pods.PublicUrl.GetLeftPart(UriPartial.Authority)}/register/", clientUri.ToString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("kube play", seenByAdmin!["client"]!["client_name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        // The migrate pod made the schema; the audit worker writes each change from the broker, under its own user.
        string[] expected = ["client_registered", "client_read", "client_deleted"];
        var actions = Array.Empty<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && !expected.All(actions.Contains); await Task.Delay(500, Ct))
        {
            var page = await admin.GetFromJsonAsync<JsonObject>($"/admin/audit?resource_id={clientId}&limit=50", Ct);
            actions = page!["events"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToArray();
        }
        Assert.Equal(expected.Order(), actions.Order());
        var (_, connections) = await pods.ExecAsync("rabbitmq", "rabbitmqctl", "list_connections", "user", "--quiet", "--formatter", "json");
        Assert.Equal(["admin-api", "audit-worker", "registration-api"],
            JsonNode.Parse(connections)!.AsArray().Select(c => c!["user"]!.GetValue<string>()).Distinct().Order());
    }

    [Fact]
    public async Task DevOverlayPods_Down_LeavesNoPodVolumeSecretOrNetwork()
    {
        await pods.UpAsync();

        var (exitCode, output) = await pods.DownAsync();

        Assert.True(exitCode == 0, output);
        Assert.Equal("", await pods.LeftoversAsync());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri url, string token)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
