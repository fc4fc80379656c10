using System.Net;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>The broker is away: audit events wait in the outbox, and the APIs keep answering meanwhile.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutageTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BrokerStopped_ApisKeepAnsweringThroughTheGateway_AndReportDegraded()
    {
        await platform.StopAsync(ResourceNames.Messaging, Ct);
        try
        {
            // Longer than the gateway's health probes take to notice (two probes, 2 s apart).
            var until = DateTime.UtcNow.AddSeconds(6);
            var answers = new List<HttpStatusCode>();
            while (DateTime.UtcNow < until)
            {
                answers.Add((await platform.Gateway.GetAsync("/register/_instance", Ct)).StatusCode);
                answers.Add((await platform.Gateway.GetAsync("/admin/_instance", Ct)).StatusCode);
                await Task.Delay(200, Ct);
            }
            using var api = platform.ReplicaClient(ResourceNames.RegistrationApi, 0);
            var health = await api.GetAsync("/health", Ct);
            using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Ct));

            Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
            Assert.Equal("Degraded", report.RootElement.GetProperty("checks").GetProperty(HealthCheckNames.RabbitMQ).GetProperty("status").GetString());
        }
        finally
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            await platform.StartAsync(ResourceNames.Messaging, timeout.Token);
            await platform.WaitForAllHealthyAsync(timeout.Token);
        }
    }
}
