extern alias AdminApi;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 34, the lifecycle of registered clients: each client's source and last use, the list filtered by them, and an
/// admin API whose rule expires a dynamic client never used within 3 s: its dry run and the stale list name exactly the
/// unused one, the reaping deletes it with a client_expired row saying why, and the used client and an administrator's
/// client of the same age are kept.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LifecycleTests(AdminApis platform)
{
    private static readonly TimeSpan NeverUsedFor = TimeSpan.FromSeconds(3);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly Admin _admin = new(platform);

    [Fact]
    public async Task Clients_ShowTheirSource_AndARead_ByTheClientItself_AsLastUsedAt_ListedByBoth()
    {
        var marker = $"source-{Guid.NewGuid():N}";
        var (registered, token) = await RegisterAsync(marker);
        var created = (await _admin.CreateAsync($$"""{"client_name":"{{marker}} admin","redirect_uris":["https://admin.example.org/cb"]}""")).GetProperty("client_id").GetString()!;
        var beforeUse = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();

        Assert.Equal(HttpStatusCode.OK, (await _admin.SelfAsync(HttpMethod.Get, registered, token)).Status);
        var lastUsed = await LastUsedAsync(registered);

        Assert.Equal([registered], await ListAsync($"search={marker}&source=dynamic"));
        Assert.Equal([created], await ListAsync($"search={marker}&source=admin"));
        Assert.Equal([registered], await ListAsync($"search={marker}&last_used_from={beforeUse}"));
        Assert.Empty(await ListAsync($"search={marker}&last_used_to={beforeUse}"));
        Assert.InRange(lastUsed, beforeUse, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var admins = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?search={created}")).Json.GetProperty("clients")[0];
        Assert.Equal(("admin", false), (admins.GetProperty("source").GetString(), admins.TryGetProperty("last_used_at", out _)));
    }

    [Fact]
    public async Task Reap_PastTheRule_DeletesTheNeverUsedClient_KeepsTheUsedOneAndTheAdministrators_AuditingWhy()
    {
        // An admin API whose rule expires dynamic clients never used within 3 s; its own schedule never comes in this test.
        var reaper = platform.Start<AdminApi::Program>(new Dictionary<string, string?>
        {
            ["Lifecycle:Sources:dynamic:NeverUsedFor"] = NeverUsedFor.ToString(),
            ["Lifecycle:Sources:dynamic:InactiveFor"] = "1.00:00:00",
            ["Lifecycle:UseWriteWindow"] = "00:00:00.5",
            ["Lifecycle:ReapInterval"] = "1.00:00:00",
        });
        using var http = reaper.CreateClient();
        var marker = $"reap-{Guid.NewGuid():N}";
        var (unused, unusedToken) = await RegisterAsync(marker);
        var (used, usedToken) = await RegisterAsync(marker);
        var administrators = (await _admin.CreateAsync($$"""{"client_name":"{{marker}} admin","redirect_uris":["https://admin.example.org/cb"]}""")).GetProperty("client_id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _admin.SelfAsync(HttpMethod.Get, used, usedToken)).Status);
        await LastUsedAsync(used);
        var freshCount = (await ListAsync($"search={marker}&stale=true", http)).Count;
        await Task.Delay(NeverUsedFor + TimeSpan.FromMilliseconds(500), Ct);

        var stale = await ListAsync($"search={marker}&stale=true", http);
        var notStale = await ListAsync($"search={marker}&stale=false", http);
        var dryRun = await SendAsync(http, HttpMethod.Post, "/admin/clients/reap?dry_run=true");
        var stillThere = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{unused}");
        var reaped = await SendAsync(http, HttpMethod.Post, "/admin/clients/reap");

        Assert.Equal(0, freshCount);
        Assert.Equal([unused], stale);
        Assert.Equal([administrators, used], notStale);
        Assert.Equal(HttpStatusCode.OK, dryRun.Status);
        Assert.True(dryRun.Json.GetProperty("dry_run").GetBoolean());
        var previewed = dryRun.Json.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("client_id").GetString() == unused);
        Assert.Equal(("dynamic", "never_used", "deleted"),
            (previewed.GetProperty("source").GetString(), previewed.GetProperty("reason").GetString(), previewed.GetProperty("action").GetString()));
        Assert.DoesNotContain(dryRun.Json.GetProperty("clients").EnumerateArray(), c => c.GetProperty("client_id").GetString() is var id && (id == used || id == administrators));
        Assert.Equal(HttpStatusCode.OK, stillThere.Status);
        Assert.Equal(HttpStatusCode.OK, reaped.Status);
        Assert.False(reaped.Json.GetProperty("dry_run").GetBoolean());
        Assert.Contains(reaped.Json.GetProperty("clients").EnumerateArray(), c => c.GetProperty("client_id").GetString() == unused);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{unused}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _admin.SelfAsync(HttpMethod.Get, unused, unusedToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{used}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{administrators}")).Status);
        var expired = await _admin.AuditAsync(unused, "client_expired");
        var changes = expired.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("after"));
        Assert.Equal(("never_used", "deleted", JsonValueKind.Null),
            (changes["reason"].GetString(), changes["action"].GetString(), changes["last_used_at"].ValueKind));
    }

    [Fact]
    public async Task TheReaper_OnTwoReplicasEverySecond_LocksANeverUsedClientOnce_AndLeavesItLocked()
    {
        // Two admin replicas whose reapers run every second and lock (not delete) dynamic clients never used within 2 s.
        // Stopped at the end: their rule would go on locking the other tests' clients.
        var settings = new Dictionary<string, string?>
        {
            ["Lifecycle:Sources:dynamic:NeverUsedFor"] = "00:00:02",
            ["Lifecycle:Sources:dynamic:Action"] = "Lock",
            ["Lifecycle:UseWriteWindow"] = "00:00:00.5",
            ["Lifecycle:ReapInterval"] = "00:00:01",
        };
        await using var first = platform.Start<AdminApi::Program>(settings);
        await using var second = platform.Start<AdminApi::Program>(settings);
        var marker = $"scheduled-{Guid.NewGuid():N}";
        var (client, token) = await RegisterAsync(marker);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement seen;
        do
        {
            await Task.Delay(250, Ct);
            seen = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{client}")).Json.GetProperty("client");
        } while (!seen.GetProperty("update_locked").GetBoolean() && DateTime.UtcNow < deadline);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // three more runs on each replica
        var update = await _admin.SelfAsync(HttpMethod.Put, client, token, """{"redirect_uris":["https://self.example.org/cb"]}""");

        Assert.True(seen.GetProperty("update_locked").GetBoolean() && seen.GetProperty("delete_locked").GetBoolean(), seen.ToString());
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{client}")).Status);
        Assert.NotEqual(HttpStatusCode.OK, update.Status);
        var expired = await _admin.AuditAsync(client, "client_expired");
        Assert.Equal(("system", "lifecycle-reaper"), (expired.GetProperty("actor").GetProperty("kind").GetString(), expired.GetProperty("actor").GetProperty("id").GetString()));
        var rows = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={client}&action=client_expired");
        Assert.Equal(1, rows.Json.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task AdministratorsClients_ExpireByTheAdminRule_OnlyWhereMarkedLifecycleManaged_AndUnmarkingKeepsOne()
    {
        // An admin API with a rule for administrators' clients never used within 3 s; its own schedule never comes here.
        var reaper = platform.Start<AdminApi::Program>(new Dictionary<string, string?>
        {
            ["Lifecycle:Sources:admin:NeverUsedFor"] = NeverUsedFor.ToString(),
            ["Lifecycle:UseWriteWindow"] = "00:00:00.5",
            ["Lifecycle:ReapInterval"] = "1.00:00:00",
        });
        using var http = reaper.CreateClient();
        var marker = $"marked-{Guid.NewGuid():N}";
        string Create(string name, bool? managed) => new JsonObject
        {
            ["client_name"] = $"{marker} {name}",
            ["redirect_uris"] = new JsonArray("https://admin.example.org/cb"),
            ["lifecycle_managed"] = managed,
        }.ToJsonString();
        var marked = await _admin.CreateAsync(Create("marked", true));
        var unmarked = (await _admin.CreateAsync(Create("unmarked", null))).GetProperty("client_id").GetString()!;
        var unmarkedLater = (await _admin.CreateAsync(Create("unmarked later", true))).GetProperty("client_id").GetString()!;
        var markedId = marked.GetProperty("client_id").GetString()!;
        var unmarking = await _admin.SendAsync(HttpMethod.Patch, $"/admin/clients/{unmarkedLater}", """{"lifecycle_managed":false}""", mediaType: "application/merge-patch+json");
        await Task.Delay(NeverUsedFor + TimeSpan.FromMilliseconds(500), Ct);

        var stale = await ListAsync($"search={marker}&stale=true", http);
        var dryRun = await SendAsync(http, HttpMethod.Post, "/admin/clients/reap?dry_run=true");

        Assert.True(marked.GetProperty("lifecycle_managed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, unmarking.Status);
        Assert.False(unmarking.Json.GetProperty("client").GetProperty("lifecycle_managed").GetBoolean());
        Assert.Equal([markedId], stale);
        var previewed = dryRun.Json.GetProperty("clients").EnumerateArray().Where(c => c.GetProperty("client_id").GetString() is var id && (id == markedId || id == unmarked || id == unmarkedLater)).ToList();
        Assert.Equal((markedId, "admin", "never_used"),
            (previewed.Single().GetProperty("client_id").GetString(), previewed.Single().GetProperty("source").GetString(), previewed.Single().GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task ASecretPastItsExpiry_StopsAtIt_ThenTheSweepAuditsItAsExpiredOnce_AndTakesItOutOfTheSet()
    {
        // An admin API whose lifecycle turn comes every second, with no rule for any source: secrets expire all the same.
        await using var sweeper = platform.Start<AdminApi::Program>(new Dictionary<string, string?> { ["Lifecycle:ReapInterval"] = "00:00:01" });
        var created = await _admin.CreateAsync("""{"client_name":"expiring secret","redirect_uris":["https://admin.example.org/cb"]}""");
        var client = created.GetProperty("client_id").GetString()!;
        var lifetime = TimeSpan.FromSeconds(2);
        var expiresAt = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeMilliseconds();
        var added = await _admin.SendAsync(HttpMethod.Post, $"/admin/clients/{client}/secrets", $$"""{"expires_at":{{expiresAt}}}""");
        var (secretId, secret) = (added.Json.GetProperty("secret_id").GetString()!, added.Json.GetProperty("client_secret").GetString()!);

        var before = await VerifyAsync(client, secret);
        await Task.Delay(lifetime + TimeSpan.FromMilliseconds(300), Ct);
        var after = await VerifyAsync(client, secret);
        var expired = await _admin.AuditAsync(client, "secret_expired");
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // two more turns
        var rows = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={client}&action=secret_expired");
        var listed = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{client}/secrets");

        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(secretId, before.GetProperty("secret_id").GetString());
        Assert.False(after.GetProperty("valid").GetBoolean());
        var changes = expired.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("before"));
        Assert.Equal((secretId, expiresAt), (changes["secret_id"].GetString(), changes["expires_at"].GetInt64()));
        Assert.Equal(("system", "lifecycle-reaper"), (expired.GetProperty("actor").GetProperty("kind").GetString(), expired.GetProperty("actor").GetProperty("id").GetString()));
        Assert.Equal(1, rows.Json.GetProperty("events").GetArrayLength());
        Assert.DoesNotContain(listed.Json.GetProperty("secrets").EnumerateArray(), s => s.GetProperty("id").GetString() == secretId);
        Assert.Single(listed.Json.GetProperty("secrets").EnumerateArray()); // the secret the client was created with stays
    }

    private async Task<JsonElement> VerifyAsync(string clientId, string secret)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, $"/admin/clients/{clientId}/verify-secret", $$"""{"client_secret":"{{secret}}"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json;
    }

    [Theory]
    [InlineData("source=robot", "source: must be one of dynamic, initial_access_token, software_statement, admin")]
    [InlineData("stale=maybe", "stale: must be true or false")]
    [InlineData("last_used_from=soon", "last_used_from: must be an ISO 8601 time or Unix milliseconds")]
    public async Task List_WithABadLifecycleFilter_400NamingIt(string filter, string problem)
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?{filter}");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.StartsWith(problem, answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reap_WithABadDryRun_400_AndWithoutTheDeleteScope_403()
    {
        var bad = await _admin.SendAsync(HttpMethod.Post, "/admin/clients/reap?dry_run=yes");
        var key = await _admin.SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"reader","scopes":["clients:read"]}""");
        var reader = await _admin.SendAsync(HttpMethod.Post, "/admin/clients/reap?dry_run=true", token: key.Json.GetProperty("key").GetString());

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (bad.Status, bad.Error));
        Assert.Equal(HttpStatusCode.Forbidden, reader.Status);
    }

    private async Task<(string Id, string Token)> RegisterAsync(string marker)
    {
        var response = await platform.Registration.PostAsync("/register",
            new StringContent($$"""{"redirect_uris":["https://self.example.org/cb"],"client_name":"{{marker}} self"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return (json.GetProperty("client_id").GetString()!, json.GetProperty("registration_access_token").GetString()!);
    }

    /// <summary>The client's last_used_at, once its use is recorded (off the request's path, within a few seconds).</summary>
    private async Task<long> LastUsedAsync(string clientId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            // The list reads the last use; one client's GET is answered from the cache without it.
            var client = (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?search={clientId}")).Json.GetProperty("clients")[0];
            if (client.TryGetProperty("last_used_at", out var lastUsed))
                return lastUsed.GetInt64();
            Assert.True(DateTime.UtcNow < deadline, $"{clientId}'s use was not recorded within 10 s");
            await Task.Delay(100, Ct);
        }
    }

    private async Task<List<string>> ListAsync(string query, HttpClient? http = null)
    {
        var answer = http is null ? await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?{query}") : await SendAsync(http, HttpMethod.Get, $"/admin/clients?{query}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var ids = answer.Json.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("client_id").GetString()!).ToList();
        Assert.Equal(ids.Count, answer.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        return ids;
    }

    private async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin.Secret);
        var response = await http.SendAsync(request, Ct);
        return new Answer(response.StatusCode, response, await response.Content.ReadAsStringAsync(Ct));
    }
}
