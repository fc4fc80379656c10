using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class BulkAndAuditTests(AdminApis platform)
{
    private readonly Admin _admin = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Checklist", "ADM-17")]
    public async Task BulkDelete_DeletesTheFound_ReportsTheMissing_CountsDuplicatesOnce()
    {
        var a = (await _admin.CreateAsync("""{"client_name":"bulk a","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString();
        var b = (await _admin.CreateAsync("""{"client_name":"bulk b","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString();

        var answer = await _admin.SendAsync(HttpMethod.Delete, "/api/admin/clients/bulk", $$"""{"client_ids":["{{a}}","{{b}}","{{a}}","no-such-client"]}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal((2, 3), (answer.Json.GetProperty("deleted").GetInt32(), answer.Json.GetProperty("requested").GetInt32()));
        Assert.Equal("Client no-such-client not found", Assert.Single(answer.Json.GetProperty("errors").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{a}")).Status);
    }

    [Fact]
    public async Task BulkDelete_SummaryAuditEntry_NamesTheDeletedAndMissingIds_WithTheCounts()
    {
        var a = (await _admin.CreateAsync("""{"client_name":"summary a","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString()!;
        var b = (await _admin.CreateAsync("""{"client_name":"summary b","redirect_uris":["https://a.example/cb"]}""")).GetProperty("client_id").GetString()!;
        var missing = $"gone-{Guid.NewGuid():N}";

        await _admin.SendAsync(HttpMethod.Delete, "/admin/clients/bulk", $$"""{"client_ids":["{{a}}","{{b}}","{{missing}}"]}""");
        System.Text.Json.JsonElement? summary = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (summary is null && DateTime.UtcNow < deadline)
        {
            var events = await _admin.SendAsync(HttpMethod.Get, "/admin/audit?action=clients_bulk_deleted&limit=500");
            summary = events.Json.GetProperty("events").EnumerateArray().Cast<System.Text.Json.JsonElement?>()
                .FirstOrDefault(e => e!.Value.GetProperty("changes").ToString().Contains(missing));
            await Task.Delay(200, Ct);
        }

        Assert.NotNull(summary);
        var changes = summary.Value.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal),
            changes["client_ids"].GetProperty("before").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([missing], changes["not_found"].GetProperty("after").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal((3, 2), (changes["requested"].GetProperty("after").GetInt32(), changes["deleted"].GetProperty("after").GetInt32()));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"client_ids":[]}""")]
    [InlineData("""{"client_ids":"x"}""")]
    [Trait("Checklist", "ADM-17")]
    public async Task BulkDelete_WithoutIds_Returns400(string body)
    {
        var answer = await _admin.SendAsync(HttpMethod.Delete, "/admin/clients/bulk", body);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
    }

    [Fact]
    [Trait("Checklist", "ADM-17")]
    public async Task BulkDelete_MoreThan100Ids_Returns400()
    {
        var ids = string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"id-{i}\""));

        var answer = await _admin.SendAsync(HttpMethod.Delete, "/admin/clients/bulk", $$"""{"client_ids":[{{ids}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    [Trait("Checklist", "ADM-19")]
    public async Task Audit_AdminActionsAreQueryableByResource_WithTheAdminAsActor_AndTheChainVerifies()
    {
        var created = await _admin.CreateAsync("""{"client_name":"audited","redirect_uris":["https://a.example/cb"]}""");
        var id = created.GetProperty("client_id").GetString();
        await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{id}", """{"client_name":"audited again"}""");

        Answer events;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            events = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?resource_id={id}");
            await Task.Delay(200, Ct);
        } while (events.Json.GetProperty("events").GetArrayLength() < 2 && DateTime.UtcNow < deadline);
        var verify = await _admin.SendAsync(HttpMethod.Get, "/api/admin/audit/verify");

        var list = events.Json.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["client_updated", "client_created"], list.Select(e => e.GetProperty("action").GetString()));
        Assert.All(list, e => Assert.Equal(("admin", "bootstrap"), (e.GetProperty("actor").GetProperty("kind").GetString(), e.GetProperty("actor").GetProperty("id").GetString())));
        var change = Assert.Single(list[0].GetProperty("changes").EnumerateArray());
        Assert.Equal(("client_name", "audited", "audited again"),
            (change.GetProperty("field").GetString(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString()));
        Assert.DoesNotContain(created.GetProperty("client_secret").GetString()!, events.Body);
        Assert.True(verify.Json.GetProperty("valid").GetBoolean(), verify.Body);
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("limit=501")]
    public async Task Audit_BadFilter_Returns400(string query)
    {
        var answer = await _admin.SendAsync(HttpMethod.Get, $"/admin/audit?{query}");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
    }
}
