using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ClientPlatform.Hosting;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class DashboardTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Dashboard => new() { BaseAddress = new Uri($"http://localhost:{platform.DashboardPort}") };

    [Fact]
    public async Task ResourcesApi_ListsEveryResourceHealthy_WithThreeRegistrationReplicas()
    {
        var resources = await Dashboard.GetFromJsonAsync<List<Row>>("/api/resources", Ct);

        Assert.NotNull(resources);
        string[] expected =
        [
            ResourceNames.Postgres, ResourceNames.ClientsDb, ResourceNames.Cache, ResourceNames.Messaging,
            ResourceNames.RegistrationApi, ResourceNames.AdminApi, ResourceNames.AuditWorker, ResourceNames.Gateway,
        ];
        Assert.Equal(expected.Order(), resources.Select(r => r.Name).Distinct().Order());
        Assert.All(resources, r => Assert.Equal((ResourceStates.Running, HealthStates.Healthy), (r.State, r.Health)));
        Assert.Equal([0, 1, 2], resources.Where(r => r.Name == ResourceNames.RegistrationApi).Select(r => r.Replica).Order());
        Assert.Single(resources, r => r.Name == ResourceNames.AdminApi);
        Assert.All(resources.Where(r => r.Kind == "project"), r =>
        {
            Assert.True(r.Pid > 0);
            Assert.StartsWith("http://", Assert.Single(r.Endpoints));
        });
    }

    [Fact]
    public async Task ResourcesApi_ReportsProcessIdsThatAreAlive()
    {
        var resources = await Dashboard.GetFromJsonAsync<List<Row>>("/api/resources", Ct);

        Assert.All(resources!.Where(r => r.Pid is not null), r => Assert.True(Directory.Exists($"/proc/{r.Pid}"), r.Name));
    }

    [Fact]
    public async Task Page_And_ConsoleLogs_AreServed()
    {
        var page = await Dashboard.GetStringAsync("/", Ct);
        var logs = await Dashboard.GetFromJsonAsync<Logs>($"/api/resources/{ResourceNames.Gateway}/logs", Ct);

        Assert.Contains("<table", page);
        Assert.NotEmpty(logs!.Lines);
        Assert.True(logs.Next > 0);
    }

    private sealed record Row(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("health")] string Health,
        [property: JsonPropertyName("endpoints")] List<string> Endpoints,
        [property: JsonPropertyName("replica")] int Replica,
        [property: JsonPropertyName("pid")] int? Pid);

    private sealed record Logs(
        [property: JsonPropertyName("lines")] List<LogRow> Lines,
        [property: JsonPropertyName("next")] long Next);

    private sealed record LogRow([property: JsonPropertyName("text")] string Text);
}
