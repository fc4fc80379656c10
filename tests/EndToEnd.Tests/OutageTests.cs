using System.Net;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>
/// A server is away. The broker: audit events wait in the outbox, and the APIs keep answering meanwhile. The database:
/// a clear, quick 503 in the API's JSON shape, never a stack trace or a hang.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OutageTests(EndToEndPlatform platform)
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

    [Fact]
    public async Task Register_WhileTheDatabaseIsDown_Returns503WithRetryAfterQuickly_ThenWorksAgain()
    {
        // Directly at a replica: the gateway would (rightly) stop routing to replicas whose /health fails. One request, as a
        // user's one try: a client that retried the 503 after its Retry-After would be timing its own patience.
        using var replica = platform.SingleAttemptReplicaClient(ResourceNames.RegistrationApi, 0);
        await platform.StopAsync(ResourceNames.Postgres, Ct);
        HttpResponseMessage response;
        string body;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            response = await replica.PostAsync("/register", Minimal(), Ct);
            body = await response.Content.ReadAsStringAsync(Ct);
        }
        finally
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            await platform.StartAsync(ResourceNames.Postgres, timeout.Token);
            await platform.WaitForAllHealthyAsync(timeout.Token);
            Npgsql.NpgsqlConnection.ClearAllPools(); // this test process's own pooled connections died with the server
            // The gateway took the replicas out while their /health failed; the tests after this one need them back.
            await GatewayServingAsync(timeout.Token);
        }

        // Issue 36: the database being away is no server bug (500) but a moment to wait (RFC 9110 §15.6.4).
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "temporarily_unavailable"),
            (response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()));
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("   at ", body);
        // Within the request budget (Requests:Budget, 10 s by default): a connect nobody answers is not tried four times.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the refusal took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.Created, (await platform.Gateway.PostAsync("/register", Minimal(), Ct)).StatusCode);
    }

    /// <summary>Until the gateway's own /health says both clusters have a replica in rotation again.</summary>
    private async Task GatewayServingAsync(CancellationToken cancellationToken)
    {
        while ((await platform.Gateway.GetAsync("/health", cancellationToken)).StatusCode != HttpStatusCode.OK)
            await Task.Delay(250, cancellationToken);
    }

    private static StringContent Minimal() =>
        new("""{"redirect_uris":["https://client.example.org/cb"]}""", System.Text.Encoding.UTF8, "application/json");
}
