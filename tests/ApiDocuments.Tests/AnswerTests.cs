using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.OpenApi;

namespace ClientPlatform.ApiDocuments.Tests;

/// <summary>
/// The documents against real answers: what each API sends is what its document says — every member named,
/// every required one there, every type and enum right — so that neither the JSON nor the schema drifts alone.
/// </summary>
[Collection(ApisCollection.Name)]
public sealed class AnswerTests(DocumentedApis apis)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegistrationAnswers_AreWhatTheDocumentSays()
    {
        var document = await Documents.LoadAsync(apis.Registration, Documents.RegistrationPath);

        using var registered = await apis.Registration.PostAsJsonAsync("/register", new Dictionary<string, object>
        {
            ["redirect_uris"] = new[] { "https://app.example.com/cb" }, ["client_name"] = "Documented", ["client_name#fr"] = "Documenté",
            ["contacts"] = new[] { "ops@example.com" }, ["jwks_uri"] = "https://app.example.com/jwks.json",
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var information = await Json(registered);
        AssertMatches(information, document, Operation(document, "/register", HttpMethod.Post), "201");

        var clientId = information.GetProperty("client_id").GetString()!;
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/register/{clientId}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", information.GetProperty("registration_access_token").GetString());
        using var readAnswer = await apis.Registration.SendAsync(read, Cancel);
        AssertMatches(await Json(readAnswer), document, Operation(document, "/register/{clientId}", HttpMethod.Get), "200");

        using var refused = await apis.Registration.PostAsJsonAsync("/register", new { redirect_uris = new[] { "https://app.example.com/cb#fragment" } }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertMatches(await Json(refused), document, Operation(document, "/register", HttpMethod.Post), "400");

        using var unauthenticated = await apis.Registration.GetAsync($"/register/{clientId}", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        AssertMatches(await Json(unauthenticated), document, Operation(document, "/register/{clientId}", HttpMethod.Get), "401");
    }

    [Fact]
    public async Task AdminAnswers_AreWhatTheDocumentSays()
    {
        var document = await Documents.LoadAsync(apis.Admin, Documents.AdminPath);
        using var admin = apis.NewAdminClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apis.AdminSecret);

        using var created = await admin.PostAsJsonAsync("/admin/clients", new
        {
            client_name = "Documented by admin", redirect_uris = new[] { "https://admin.example.com/cb" }, is_trusted = true,
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await Json(created);
        AssertMatches(client, document, Operation(document, "/admin/clients", HttpMethod.Post), "201");
        var clientId = client.GetProperty("client").GetProperty("client_id").GetString()!;

        async Task Check(HttpResponseMessage answer, string path, HttpMethod method)
        {
            using (answer)
                AssertMatches(await Json(answer), document, Operation(document, path, method), ((int)answer.StatusCode).ToString());
        }
        await Check(await admin.GetAsync($"/admin/clients/{clientId}", Cancel), "/admin/clients/{clientId}", HttpMethod.Get);
        await Check(await admin.GetAsync("/admin/clients?search=Documented&limit=5", Cancel), "/admin/clients", HttpMethod.Get);
        await Check(await admin.PutAsJsonAsync($"/admin/clients/{clientId}", new { update_locked = true, scope = "openid" }, Cancel),
            "/admin/clients/{clientId}", HttpMethod.Put);
        await Check(await admin.PostAsync($"/admin/clients/{clientId}/regenerate-secret", null, Cancel), "/admin/clients/{clientId}/regenerate-secret", HttpMethod.Post);
        await Check(await admin.PostAsJsonAsync($"/admin/clients/{clientId}/verify-secret", new { client_secret = "not it" }, Cancel),
            "/admin/clients/{clientId}/verify-secret", HttpMethod.Post);
        await Check(await admin.GetAsync($"/admin/audit?resource_id={clientId}", Cancel), "/admin/audit", HttpMethod.Get);
        await Check(await admin.GetAsync("/admin/audit/verify", Cancel), "/admin/audit/verify", HttpMethod.Get);
        await Check(await admin.PostAsJsonAsync("/admin/keys", new { name = "reader", scopes = new[] { "clients:read" } }, Cancel), "/admin/keys", HttpMethod.Post);
        await Check(await admin.GetAsync("/admin/keys", Cancel), "/admin/keys", HttpMethod.Get);
        await Check(await admin.PostAsJsonAsync("/admin/initial-access-tokens", new { name = "ci", max_uses = 2, policy = new { scopes = new[] { "openid" } } }, Cancel),
            "/admin/initial-access-tokens", HttpMethod.Post);
        await Check(await admin.GetAsync("/admin/initial-access-tokens", Cancel), "/admin/initial-access-tokens", HttpMethod.Get);
        await Check(await admin.GetAsync("/admin/clients/export?format=json", Cancel), "/admin/clients/export", HttpMethod.Get);
        await Check(await admin.DeleteAsync($"/admin/clients/{clientId}", Cancel), "/admin/clients/{clientId}", HttpMethod.Delete);
        // The errors: problem+json with the seed's code.
        await Check(await admin.GetAsync($"/admin/clients/{clientId}", Cancel), "/admin/clients/{clientId}", HttpMethod.Get);
        await Check(await admin.GetAsync("/admin/clients?limit=0", Cancel), "/admin/clients", HttpMethod.Get);
        await Check(await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/admin/clients/bulk") { Content = JsonContent.Create(new { client_ids = new[] { clientId } }) }, Cancel),
            "/admin/clients/bulk", HttpMethod.Delete);
    }

    [Fact]
    public async Task AdminScopes_InTheDocument_AreTheScopesTheApiEnforces()
    {
        var document = await Documents.LoadAsync(apis.Admin, Documents.AdminPath);
        // Every read that can be called bare: no path parameter, no required query parameter (resolve's client_id).
        var reads = document.Paths.Where(p => !p.Key.Contains('{') && p.Value.Operations!.TryGetValue(HttpMethod.Get, out var get)
                && get.Parameters?.Any(q => q.Required) != true)
            .Select(p => (Path: p.Key, Scopes: p.Value.Operations![HttpMethod.Get].Security!.SelectMany(r => r.Values).SelectMany(v => v).ToList()))
            .ToList();
        Assert.True(reads.Count >= 6, $"only {reads.Count} reads documented");

        foreach (var (path, scopes) in reads)
        {
            using var allowed = await Caller(scopes.Count == 0 ? ["clients:read"] : scopes);
            using var answer = await allowed.GetAsync(path, Cancel);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path} with {string.Join(" ", scopes)}: {answer.StatusCode}");

            // No scope documented: any credential may call it (GET /admin/me); else one without them is refused.
            var others = Clients.Core.Admin.AdminScopes.All.Except(scopes).Where(s => s != Clients.Core.Admin.AdminScopes.ClientAdmin).ToList();
            using var refused = await Caller(scopes.Count == 0 ? ["audit:read"] : others);
            using var refusal = await refused.GetAsync(path, Cancel);
            var expected = scopes.Count == 0 ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(refusal.StatusCode == expected, $"{path} with {string.Join(" ", others)}: {refusal.StatusCode}");
        }
    }

    /// <summary>A client of the admin API with a new key holding exactly <paramref name="scopes"/>.</summary>
    private async Task<HttpClient> Caller(IReadOnlyList<string> scopes)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { name = "scoped", scopes }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apis.AdminSecret);
        using var created = await apis.Admin.SendAsync(create, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = apis.NewAdminClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await Json(created)).GetProperty("key").GetString());
        return client;
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string path, HttpMethod method) => document.Paths[path].Operations![method];

    private static void AssertMatches(JsonElement body, OpenApiDocument document, OpenApiOperation operation, string status)
    {
        Assert.True(operation.Responses!.TryGetValue(status, out var response), $"{operation.OperationId}: {status} is not documented");
        var (contentType, media) = Assert.Single(response.Content!);
        var problems = Documents.Check(body, media.Schema!);
        Assert.True(problems.Count == 0, $"{operation.OperationId} {status}: " + string.Join("; ", problems));
        Assert.False(string.IsNullOrEmpty(contentType));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone();
}
