using System.Net;
using System.Text.Json;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.ScaleOut.Tests;

/// <summary>
/// Redis stopped mid-run (issue 6): no request fails because of it, /health says degraded, limits fall back to
/// each replica; Redis restarted: caching resumes, and no entry from before the outage is ever served.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RedisOutageTests(ScaleOutPlatform platform)
{
    private readonly Calls _calls = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisStoppedMidRun_NothingFails_HealthIsDegraded_AndAfterRestart_NoStaleEntryIsServed()
    {
        var (id, token) = await _calls.RegisteredAsync();
        var replicas = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(_calls.Replica).ToArray();
        foreach (var replica in replicas)
            Assert.Equal("Scale", (await _calls.SelfAsync(replica, HttpMethod.Get, id, token)).Json.GetProperty("client_name").GetString());

        var logStart = platform.Replicas(ResourceNames.RegistrationApi).Select(r => platform.Logs.Count(r.Name)).ToArray();
        var adminLogStart = platform.Logs.Count(platform.Replicas(ResourceNames.AdminApi).Single().Name);
        await platform.StopAsync(ResourceNames.Cache, Ct);
        var failures = new List<string>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var name = $"during outage {i}";
                var update = await _calls.AdminAsync(HttpMethod.Put, $"/admin/clients/{id}", $$"""{"client_name":"{{name}}"}""");
                if (update.Status != HttpStatusCode.OK)
                    failures.Add($"admin update: {(int)update.Status}");
                foreach (var replica in replicas)
                {
                    var read = await _calls.SelfAsync(replica, HttpMethod.Get, id, token);
                    if (read.Status != HttpStatusCode.OK || read.Json.GetProperty("client_name").GetString() != name)
                        failures.Add($"read: {(int)read.Status} {read.Body}");
                }
            }
            var registered = await _calls.RegisterAsync();
            if (registered.Status != HttpStatusCode.Created)
                failures.Add($"register: {(int)registered.Status}");
            var health = await replicas[0].GetAsync("/health", Ct);
            using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Ct));

            // Each replica says once that it counts limits alone, however many requests it served meanwhile.
            var saidSo = platform.Replicas(ResourceNames.RegistrationApi)
                .Select((r, i) => platform.Logs.Since(r.Name, logStart[i]).Count(line => line.Contains("Redis is unavailable"))).ToList();

            Assert.Empty(failures);
            Assert.All(saidSo, count => Assert.Equal(1, count));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
            Assert.Equal("Degraded", report.RootElement.GetProperty("checks").GetProperty(HealthCheckNames.Redis).GetProperty("status").GetString());
        }
        finally
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            await platform.StartAsync(ResourceNames.Cache, timeout.Token);
            await platform.WaitForAllHealthyAsync(timeout.Token);
            await WaitUntilEveryApiSeesRedisAsync(timeout.Token);
        }
        // The admin API could not invalidate its updates while Redis was away: it starts a new epoch on reconnection.
        var admin = platform.Replicas(ResourceNames.AdminApi).Single();
        await WaitUntilAsync(() => platform.Logs.Since(admin.Name, adminLogStart).Any(l => l.Contains("Started a new cache epoch: 10 change(s)")));
        // Each registration replica's breaker lets Redis in again at its next request after the break.
        var registrationReplicas = platform.Replicas(ResourceNames.RegistrationApi).ToList();
        await WaitUntilAsync(async () =>
        {
            foreach (var replica in replicas)
                await _calls.SelfAsync(replica, HttpMethod.Get, id, token);
            return registrationReplicas.Select((r, i) => platform.Logs.Since(r.Name, logStart[i]).Any(l => l.Contains("Redis is back"))).All(back => back);
        });

        // Back: every replica reads the last value (never "Scale", cached before the outage), and caching resumes —
        // an update is again seen at once everywhere.
        var after = new List<string>();
        for (var round = 0; round < 5; round++)
            foreach (var replica in replicas)
                after.Add((await _calls.SelfAsync(replica, HttpMethod.Get, id, token)).Json.GetProperty("client_name").GetString()!);
        await _calls.AdminAsync(HttpMethod.Put, $"/admin/clients/{id}", """{"client_name":"after outage"}""");
        var final = new List<string>();
        foreach (var replica in replicas)
            final.Add((await _calls.SelfAsync(replica, HttpMethod.Get, id, token)).Json.GetProperty("client_name").GetString()!);

        var cachedAgain = new List<bool>();
        await using (await TableLock.TakeAsync(platform, Ct))
            foreach (var replica in replicas)
                cachedAgain.Add(await TableLock.AnswersAsync(replica, id, token, TimeSpan.FromSeconds(3), Ct));

        Assert.All(after, name => Assert.Equal("during outage 9", name));
        Assert.All(final, name => Assert.Equal("after outage", name));
        // Served from Redis again: no table was needed.
        var redisLines = platform.Replicas(ResourceNames.RegistrationApi)
            .SelectMany((r, i) => platform.Logs.Since(r.Name, logStart[i]).Where(l => l.Contains("Redis")).Select(l => $"replica {i}: {l}"));
        Assert.True(cachedAgain.All(c => c), $"cached reads answered: {string.Join(", ", cachedAgain)}\n{string.Join("\n", redisLines)}");
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 30 s");
            await Task.Delay(250, Ct);
        }
    }

    /// <summary>Redis is up again when every API replica's own health check says so (it reconnects within seconds).</summary>
    private async Task WaitUntilEveryApiSeesRedisAsync(CancellationToken cancellationToken)
    {
        var apis = Enumerable.Range(0, PlatformFixture.RegistrationReplicas).Select(i => platform.ReplicaClient(ResourceNames.RegistrationApi, i))
            .Append(platform.ReplicaClient(ResourceNames.AdminApi, 0)).ToList();
        foreach (var api in apis)
            while (true)
            {
                using var report = JsonDocument.Parse(await api.GetStringAsync("/health", cancellationToken));
                if (report.RootElement.GetProperty("checks").GetProperty(HealthCheckNames.Redis).GetProperty("status").GetString() == "Healthy")
                    break;
                await Task.Delay(250, cancellationToken);
            }
    }
}
