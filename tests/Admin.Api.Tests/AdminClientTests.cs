using System.Net;
using System.Text.Json;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>Seed 004's client administration (ADM-IDs of the spec checklist), through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AdminClientTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    [Fact]
    [Trait("Checklist", "ADM-01")]
    public async Task AnyEndpoint_WithoutCredential_Returns401ProblemWithChallenge()
    {
        var none = await _admin.SendAsync(HttpMethod.Get, "/admin/clients", token: null);
        var wrong = await _admin.SendAsync(HttpMethod.Get, "/api/admin/clients", token: "not-the-secret");

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (none.Status, none.Error));
        Assert.Equal("application/problem+json", none.MediaType);
        Assert.Equal("Bearer realm=\"admin\"", none.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Contains("error=\"invalid_token\"", wrong.Response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    [Trait("Checklist", "ADM-09")]
    [Trait("Checklist", "ADM-11")]
    public async Task Create_ReturnsTheSecretOnce_WithSeedDefaults_AndAdminFlags()
    {
        var created = await _admin.CreateAsync("""{"client_name":"Admin made","redirect_uris":["http://localhost:3000/callback"],"is_trusted":true}""");
        var id = created.GetProperty("client_id").GetString()!;

        var read = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");

        Assert.True(Guid.TryParse(id, out _));
        Assert.True(created.GetProperty("client_secret").GetString()!.Length >= 43);
        Assert.Equal("openid profile email", created.GetProperty("scope").GetString());
        Assert.True(created.GetProperty("is_trusted").GetBoolean());
        Assert.False(created.GetProperty("skip_consent").GetBoolean());
        Assert.Equal("""["authorization_code"]""", created.GetProperty("grant_types").GetRawText());
        var client = read.Json.GetProperty("client");
        Assert.Equal("***masked***", client.GetProperty("client_secret").GetString());                        // ADM-07
        Assert.True(client.GetProperty("created_at").GetInt64() > 1_000_000_000_000);                        // milliseconds
        Assert.Equal(JsonValueKind.Null, client.GetProperty("logo_uri").ValueKind);
    }

    [Theory] // ADM-09, ADM-10
    [InlineData("""{"redirect_uris":["https://a.example/cb"]}""", "client_name")]
    [InlineData("""{"client_name":"x"}""", "redirect_uris")]
    [InlineData("""{"client_name":"x","redirect_uris":["https://a.example/cb#x"]}""", "redirect_uris[0]")]
    [InlineData("""{"client_name":"x","redirect_uris":["javascript:alert(1)"]}""", "redirect_uris[0]")]
    [Trait("Checklist", "ADM-10")]
    public async Task Create_Invalid_Returns400ProblemNamingTheField(string json, string field)
    {
        var answer = await _admin.SendAsync(HttpMethod.Post, "/api/admin/clients", json);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Contains(field, answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    [Trait("Checklist", "ADM-03")]
    [Trait("Checklist", "ADM-06")]
    public async Task List_SearchesCaseInsensitively_AndPages()
    {
        var marker = $"Marker{Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++)
            await _admin.CreateAsync($$"""{"client_name":"{{marker}} app {{i}}","redirect_uris":["https://a.example/cb"]}""");

        var first = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?search={marker.ToUpperInvariant()}&limit=2");
        var second = await _admin.SendAsync(HttpMethod.Get, $"/api/admin/clients?search={marker.ToLowerInvariant()}&limit=2&page=2");

        var pagination = first.Json.GetProperty("pagination");
        Assert.Equal(2, first.Json.GetProperty("clients").GetArrayLength());
        Assert.Equal((3, 2, true, false), (pagination.GetProperty("total").GetInt32(), pagination.GetProperty("totalPages").GetInt32(),
            pagination.GetProperty("hasNext").GetBoolean(), pagination.GetProperty("hasPrev").GetBoolean()));
        Assert.Equal(1, second.Json.GetProperty("clients").GetArrayLength());
        Assert.Equal($"{marker} app 0", second.Json.GetProperty("clients")[0].GetProperty("client_name").GetString()); // newest first
    }

    [Fact]
    [Trait("Checklist", "ADM-03")]
    public async Task List_Unfiltered_TotalStaysExactThroughCreatesRegistrationsAndDeletes()
    {
        var before = await UnfilteredTotalAsync();
        Assert.Equal(await CountedAsync(), before);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
            created.Add((await _admin.CreateAsync("""{"client_name":"counted","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString()!);
        await _admin.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Delete, $"/admin/clients/{created[0]}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Delete, "/admin/clients/bulk",
            $$"""{"client_ids":["{{created[1]}}","no-such-client"]}""")).Status);

        var after = await UnfilteredTotalAsync();
        Assert.Equal(before + 2, after);
        Assert.Equal(await CountedAsync(), after);
    }

    [Fact]
    [Trait("Checklist", "ADM-03")]
    public async Task List_Unfiltered_TotalStaysExact_WhenConcurrentSessionsAddAndRemove()
    {
        var before = await UnfilteredTotalAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            (await _admin.CreateAsync("""{"client_name":"counted concurrently","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString()!));
        // Removed at once, each by a database session of its own, none of them the session that added it: the count
        // is kept per session, so a session's share may go below zero; the total may not move by a single client.
        await Task.WhenAll(created.Take(10).Select(async id =>
        {
            await using var connection = await OpenDatabaseAsync();
            await using var delete = new Npgsql.NpgsqlCommand("DELETE FROM clients WHERE client_id = $1", connection) { Parameters = { new() { Value = id } } };
            Assert.Equal(1, await delete.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }));

        var after = await UnfilteredTotalAsync();
        Assert.Equal(before + 6, after);
        Assert.Equal(await CountedAsync(), after);
    }

    private async Task<Npgsql.NpgsqlConnection> OpenDatabaseAsync()
    {
        // Not pooled: a connection of its own is a session of its own.
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(platform.ConnectionString(ClientPlatform.ServiceDefaults.ResourceNames.ClientsDb)) { Pooling = false };
        var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private async Task<long> UnfilteredTotalAsync() =>
        (await _admin.SendAsync(HttpMethod.Get, "/admin/clients?limit=1")).Json.GetProperty("pagination").GetProperty("total").GetInt64();

    private async Task<long> CountedAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(platform.ConnectionString(ClientPlatform.ServiceDefaults.ResourceNames.ClientsDb));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM clients", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    [Trait("Checklist", "ADM-03")]
    [Trait("Checklist", "ADM-06")]
    public async Task List_EveryPageFromEitherEnd_KeepsNewestFirst_AndSearchFindsAnIdFragment()
    {
        var marker = $"Paged{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await _admin.CreateAsync($$"""{"client_name":"{{marker}} {{i}}","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString()!);

        // One client a page: the first pages are read from the newest end, the last ones from the oldest.
        var pages = new List<string>();
        for (var page = 1; page <= ids.Count; page++)
            pages.Add((await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?search={marker}&limit=1&page={page}"))
                .Json.GetProperty("clients")[0].GetProperty("client_id").GetString()!);
        var beyond = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?search={marker}&limit=1&page={ids.Count + 1}");
        var byId = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?search={ids[2][4..16].ToUpperInvariant()}");

        Assert.Equal(Enumerable.Reverse(ids), pages);
        Assert.Equal(0, beyond.Json.GetProperty("clients").GetArrayLength());
        Assert.Equal(ids.Count, beyond.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal([ids[2]], byId.Json.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("client_id").GetString()));
    }

    [Theory] // ADM-04: out of range or not a number is refused, never replaced by a default
    [InlineData("page=0")]
    [InlineData("page=x")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [Trait("Checklist", "ADM-04")]
    public async Task List_BadPaging_Returns400(string query)
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?{query}");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
    }

    [Fact]
    [Trait("Checklist", "ADM-12")]
    [Trait("Checklist", "ADM-13")]
    public async Task Update_ChangesOnlyWhatIsSent_AndLeavesSelfManagementWorking()
    {
        var (id, token, _) = await _admin.RegisterAsync();

        var answer = await _admin.SendAsync(HttpMethod.Put, $"/api/admin/clients/{id}", """{"client_name":"Renamed by admin"}""");
        var self = await _admin.SelfAsync(HttpMethod.Get, id, token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Renamed by admin", answer.Json.GetProperty("client").GetProperty("client_name").GetString());
        Assert.Equal("""["https://self.example.org/cb"]""", answer.Json.GetProperty("client").GetProperty("redirect_uris").GetRawText());
        Assert.Equal(HttpStatusCode.OK, self.Status);
        Assert.Equal("Renamed by admin", self.Json.GetProperty("client_name").GetString());                 // ADM-20
    }

    [Fact]
    public async Task Locks_AdminForbidsSelfUpdateAndDelete_ThenLiftsThem()
    {
        var (id, token, json) = await _admin.RegisterAsync();
        var body = $$"""{"client_id":"{{id}}","redirect_uris":["https://self.example.org/cb"]}""";

        await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{id}", """{"update_locked":true,"delete_locked":true}""");
        var update = await _admin.SelfAsync(HttpMethod.Put, id, token, body);
        var delete = await _admin.SelfAsync(HttpMethod.Delete, id, token);
        await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{id}", """{"update_locked":false,"delete_locked":false}""");
        var deleteAfter = await _admin.SelfAsync(HttpMethod.Delete, id, token);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (update.Status, delete.Status));
        Assert.Equal("access_denied", update.Error);
        Assert.Equal(HttpStatusCode.NoContent, deleteAfter.Status);
    }

    [Fact]
    [Trait("Checklist", "ADM-14")]
    [Trait("Checklist", "ADM-15")]
    public async Task RegenerateSecret_OldOneStopsWorkingAtOnce()
    {
        var (id, token, json) = await _admin.RegisterAsync();
        var oldSecret = json.GetProperty("client_secret").GetString()!;

        var answer = await _admin.SendAsync(HttpMethod.Post, $"/admin/clients/{id}/regenerate-secret");
        var newSecret = answer.Json.GetProperty("client_secret").GetString()!;
        var withOld = await _admin.SelfAsync(HttpMethod.Put, id, token, $$"""{"client_id":"{{id}}","client_secret":"{{oldSecret}}","redirect_uris":["https://self.example.org/cb"]}""");
        var withNew = await _admin.SelfAsync(HttpMethod.Put, id, token, $$"""{"client_id":"{{id}}","client_secret":"{{newSecret}}","redirect_uris":["https://self.example.org/cb"]}""");
        var publicClient = await _admin.CreateAsync("""{"client_name":"p","redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"none"}""");
        var refused = await _admin.SendAsync(HttpMethod.Post, $"/admin/clients/{publicClient.GetProperty("client_id").GetString()}/regenerate-secret");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(HttpStatusCode.BadRequest, withOld.Status);
        Assert.Equal(HttpStatusCode.OK, withNew.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (refused.Status, refused.Error));
    }

    [Fact]
    [Trait("Checklist", "ADM-08")]
    [Trait("Checklist", "ADM-16")]
    public async Task Delete_Returns200Success_ThenTheClientIsGoneEverywhere()
    {
        var (id, token, _) = await _admin.RegisterAsync();

        var deleted = await _admin.SendAsync(HttpMethod.Delete, $"/api/admin/clients/{id}");
        var read = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{id}");
        var self = await _admin.SelfAsync(HttpMethod.Get, id, token);
        var again = await _admin.SendAsync(HttpMethod.Delete, $"/api/admin/clients/{id}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.True(deleted.Json.GetProperty("success").GetBoolean());
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (read.Status, read.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, self.Status);                                           // MGT-16
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }
}
