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

    [Theory]
    [InlineData("locked=yes", "locked: must be true or false")]
    [InlineData("created_from=yesterday", "created_from: must be an ISO 8601 time or Unix milliseconds")]
    [InlineData("created_to=2026-13-01", "created_to: must be an ISO 8601 time or Unix milliseconds")]
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
