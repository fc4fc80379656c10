using System.Net;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 34: the admin list narrowed by lock, grant type and creation time, each with its exact total, alone or with a
/// search; a bad filter value is refused with the parameter named, never ignored.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ListFilterTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    [Fact]
    public async Task List_ByLockGrantTypeAndCreationTime_ShowsOnlyThoseClients_WithTheirTotal()
    {
        var marker = $"filtered-{Guid.NewGuid():N}";
        var first = await _admin.CreateAsync($$"""{"client_name":"{{marker}} 1","redirect_uris":["https://filters.example.org/cb"]}""");
        await Task.Delay(20, TestContext.Current.CancellationToken);
        var second = await _admin.CreateAsync($$"""{"client_name":"{{marker}} 2","redirect_uris":["https://filters.example.org/cb"],"grant_types":["client_credentials"],"response_types":[]}""");
        await Task.Delay(20, TestContext.Current.CancellationToken);
        var third = await _admin.CreateAsync($$"""{"client_name":"{{marker}} 3","redirect_uris":["https://filters.example.org/cb"]}""");
        await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{Id(third)}", """{"delete_locked":true}""");
        var secondCreated = second.GetProperty("created_at").GetInt64();

        var locked = await ListAsync($"search={marker}&locked=true");
        var unlocked = await ListAsync($"search={marker}&locked=false");
        var machines = await ListAsync($"search={marker}&grant_type=client_credentials");
        var fromSecond = await ListAsync($"search={marker}&created_from={secondCreated}");
        var beforeSecond = await ListAsync($"search={marker}&created_to={Uri.EscapeDataString(DateTimeOffset.FromUnixTimeMilliseconds(secondCreated).ToString("O"))}");

        Assert.Equal([Id(third)], locked);
        Assert.Equal([Id(second), Id(first)], unlocked);
        Assert.Equal([Id(second)], machines);
        Assert.Equal([Id(third), Id(second)], fromSecond);
        Assert.Equal([Id(first)], beforeSecond);
    }

    /// <summary>
    /// One facet alone (a source, locked or not, a grant type) answers its total from the counts the database keeps
    /// (ClientFacetCount): they stay exact through a create, a lock, a change of grant types, a bulk delete and a delete,
    /// as the rows themselves counted say at each step.
    /// </summary>
    [Fact]
    public async Task List_ByOneFacetAlone_HasTheExactTotal_ThroughEveryKindOfChange()
    {
        var facets = new (string Query, string Where)[]
        {
            ("grant_type=client_credentials", "grant_types @> ARRAY['client_credentials']::text[]"),
            ("grant_type=authorization_code", "grant_types @> ARRAY['authorization_code']::text[]"),
            ("locked=true", "(update_locked OR delete_locked)"),
            ("locked=false", "NOT (update_locked OR delete_locked)"),
            ("source=admin", "source = 'admin'"),
            ("source=dynamic", "source = 'dynamic'"),
        };
        async Task AssertExactAsync(string step)
        {
            await using var connection = new Npgsql.NpgsqlConnection(platform.ConnectionString(ClientPlatform.ServiceDefaults.ResourceNames.ClientsDb));
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            foreach (var (query, where) in facets)
            {
                await using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM clients WHERE {where}", connection);
                var counted = (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
                var answer = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?{query}&limit=1");
                Assert.True(counted == answer.Json.GetProperty("pagination").GetProperty("total").GetInt64(), $"{query} after {step}: counted {counted}, answered {answer.Body}");
            }
        }

        await AssertExactAsync("the clients so far");
        var machine = Id(await _admin.CreateAsync("""{"client_name":"facet machine","redirect_uris":["https://facets.example.org/cb"],"grant_types":["client_credentials"],"response_types":[]}"""));
        var other = Id(await _admin.CreateAsync("""{"client_name":"facet other","redirect_uris":["https://facets.example.org/cb"]}"""));
        var (registered, _, _) = await _admin.RegisterAsync();
        await AssertExactAsync("creates and a registration");
        await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{machine}", """{"update_locked":true}""");
        await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{other}", """{"grant_types":["authorization_code","client_credentials"]}""");
        await AssertExactAsync("a lock and new grant types");
        await _admin.SendAsync(HttpMethod.Delete, "/admin/clients/bulk", $$"""{"client_ids":["{{machine}}","{{registered}}"]}""");
        await _admin.SendAsync(HttpMethod.Delete, $"/admin/clients/{other}");
        await AssertExactAsync("a bulk delete and a delete");
    }

    [Fact]
    public async Task List_BySenderConstraintAuthMethodAndAuthorizationDetailsType_ShowsOnlyThoseClients_EchoingTheirMembers()
    {
        var marker = $"bound-{Guid.NewGuid():N}";
        var mtls = await _admin.CreateAsync($$"""
            {"client_name":"{{marker}} mtls","redirect_uris":["https://filters.example.org/cb"],"token_endpoint_auth_method":"tls_client_auth",
             "tls_client_auth_san_uri":"spiffe://filters.example.org/payments","tls_client_certificate_bound_access_tokens":true,
             "authorization_details_types":["payment_initiation"]}
            """);
        await Task.Delay(20, TestContext.Current.CancellationToken);
        var dpop = await _admin.CreateAsync($$"""{"client_name":"{{marker}} dpop","redirect_uris":["https://filters.example.org/cb"],"token_endpoint_auth_method":"none","dpop_bound_access_tokens":true}""");
        await Task.Delay(20, TestContext.Current.CancellationToken);
        var plain = await _admin.CreateAsync($$"""{"client_name":"{{marker}} plain","redirect_uris":["https://filters.example.org/cb"]}""");

        var certificateBound = await ListAsync($"search={marker}&tls_client_certificate_bound_access_tokens=true");
        var dpopBound = await ListAsync($"search={marker}&dpop_bound_access_tokens=true");
        var unbound = await ListAsync($"search={marker}&dpop_bound_access_tokens=false&tls_client_certificate_bound_access_tokens=false");
        var byMethod = await ListAsync($"search={marker}&token_endpoint_auth_method=tls_client_auth");
        var payments = await ListAsync($"search={marker}&authorization_details_type=payment_initiation");
        var shown = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{Id(mtls)}");

        Assert.Equal([Id(mtls)], certificateBound);
        Assert.Equal([Id(dpop)], dpopBound);
        Assert.Equal([Id(plain)], unbound);
        Assert.Equal([Id(mtls)], byMethod);
        Assert.Equal([Id(mtls)], payments);
        var client = shown.Json.GetProperty("client");
        Assert.Equal(("spiffe://filters.example.org/payments", true, """["payment_initiation"]""", false),
            (client.GetProperty("tls_client_auth_san_uri").GetString(), client.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean(),
             client.GetProperty("authorization_details_types").GetRawText(), client.TryGetProperty("client_secret", out var secret) && secret.ValueKind == System.Text.Json.JsonValueKind.String));
    }

    [Theory]
    [InlineData("locked=yes", "locked: must be true or false")]
    [InlineData("created_from=yesterday", "created_from: must be an ISO 8601 time or Unix milliseconds")]
    [InlineData("created_to=2026-13-01", "created_to: must be an ISO 8601 time or Unix milliseconds")]
    [InlineData("token_endpoint_auth_method=magic", "token_endpoint_auth_method: must be one of none, client_secret_basic")]
    [InlineData("dpop_bound_access_tokens=1", "dpop_bound_access_tokens: must be true or false")]
    public async Task List_WithABadFilter_400NamingIt(string filter, string problem)
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?{filter}");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.StartsWith(problem, answer.Json.GetProperty("detail").GetString());
    }

    private static string Id(System.Text.Json.JsonElement client) => client.GetProperty("client_id").GetString()!;

    /// <summary>The ids listed, newest first, after checking that the total counts exactly them.</summary>
    private async Task<List<string>> ListAsync(string query)
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?{query}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var ids = answer.Json.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("client_id").GetString()!).ToList();
        Assert.Equal(ids.Count, answer.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        return ids;
    }
}
