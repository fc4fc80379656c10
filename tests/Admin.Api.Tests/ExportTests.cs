extern alias AdminApi;
using System.Net;
using System.Text.Json;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class ExportTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    [Fact]
    public async Task Export_Csv_HasEveryClientMasked_AndDefusesFormulas()
    {
        var created = await _admin.CreateAsync("""{"client_name":"=HYPERLINK(\"x\"), exported","redirect_uris":["https://a.example/cb","https://b.example/cb"]}""");
        var id = created.GetProperty("client_id").GetString()!;

        var csv = await _admin.SendAsync(HttpMethod.Get, "/admin/clients/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Equal("text/csv", csv.MediaType);
        var lines = csv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("client_id,client_name,client_secret,redirect_uris", lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith(id));
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"), exported\"", row);
        Assert.Contains("***masked***", row);
        Assert.Contains("https://a.example/cb https://b.example/cb", row);
        Assert.DoesNotContain(created.GetProperty("client_secret").GetString()!, csv.Body);
    }

    /// <summary>
    /// An export reads every client and may take longer than a request's budget (at 1,000,000 clients it was cut at 10 s):
    /// it has a budget of its own. Here the request budget is 1 s and the clients table is held for 2.5 s.
    /// </summary>
    [Fact]
    public async Task Export_LongerThanTheRequestBudget_IsNotCut_ForItHasABudgetOfItsOwn()
    {
        var id = (await _admin.CreateAsync("""{"client_name":"slow export","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString();
        var strict = platform.Start<AdminApi::Program>(new Dictionary<string, string?> { ["Requests:Budget"] = "00:00:01" });
        using var http = strict.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _admin.Secret);
        await using var connection = new Npgsql.NpgsqlConnection(platform.ConnectionString(ClientPlatform.ServiceDefaults.ResourceNames.ClientsDb));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var hold = new Npgsql.NpgsqlCommand("LOCK TABLE clients IN ACCESS EXCLUSIVE MODE", connection, transaction))
            await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var export = http.GetAsync("/admin/clients/export?format=csv", TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        using var response = await export;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(id!, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Export_Json_IsAnArrayOfEveryClient()
    {
        var id = (await _admin.CreateAsync("""{"client_name":"json export","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString();

        var answer = await _admin.SendAsync(HttpMethod.Get, "/api/admin/clients/export?format=json");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var clients = answer.Json.EnumerateArray().ToList();
        Assert.Contains(clients, c => c.GetProperty("client_id").GetString() == id);
        Assert.All(clients, c => Assert.True(c.GetProperty("client_secret").ValueKind is JsonValueKind.Null
                                             || c.GetProperty("client_secret").GetString() == "***masked***"));
    }

    [Fact]
    public async Task Export_UnknownFormat_Returns400()
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, "/admin/clients/export?format=xml");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
    }
}
