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
