using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class ReplicaTests(EndToEndPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ThroughGatewayWithThreeReplicas_ReachesEveryReplica()
    {
        // Arrange: the tests run the registration API at 3 replicas (issue 6).
        var replicas = platform.Replicas(ResourceNames.RegistrationApi);
        Assert.Equal(3, replicas.Count);

        // Act
        var seen = new HashSet<int>();
        for (var i = 0; i < 60 && seen.Count < replicas.Count; i++)
            seen.Add((await platform.Gateway.GetFromJsonAsync<InstanceInfo>("/register/_instance", Ct))!.Pid);

        // Assert: the pids that answered are exactly the replicas' processes.
        Assert.Equal(replicas.Select(r => r.Pid!.Value).ToHashSet(), seen);
    }

    [Fact]
    public async Task Get_AfterOneReplicaIsKilled_EveryRequestIsAnsweredByTheOthers()
    {
        // Arrange
        var survivors = platform.Replicas(ResourceNames.RegistrationApi).Where((_, i) => i != 1).Select(r => r.Pid).ToList();
        var killed = platform.Replicas(ResourceNames.RegistrationApi)[1];
        var gatewayLogMark = platform.Logs.Count(ResourceNames.Gateway);
        platform.KillReplica(ResourceNames.RegistrationApi, 1);
        try
        {
            // Act: no pause, no retry by the test: the gateway must not send a request to the dead replica.
            var answers = new List<(HttpStatusCode Status, int? Pid)>();
            for (var i = 0; i < 40; i++)
            {
                using var response = await platform.Gateway.GetAsync("/register/_instance", Ct);
                var pid = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<InstanceInfo>(Ct))!.Pid : (int?)null;
                answers.Add((response.StatusCode, pid));
            }

            // Assert
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            Assert.All(answers, a => Assert.Contains(a.Pid, survivors));
            await platform.WaitForStoppedAsync(killed.Name, Ct);
        }
        finally
        {
            // Leave the platform as the other tests expect it.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            await platform.StartAsync(killed.Name, timeout.Token);
            await WaitForGatewayHealthAsync(timeout.Token);
        }

        // The gateway said it once each way — not a Warning with a stack trace at every probe while the replica was dead.
        // Its lines reach the test through the AppHost's log stream, which may lag: read them until both are there.
        bool Left(string line) => line.Contains($"of {ResourceNames.RegistrationApi} left the rotation", StringComparison.Ordinal);
        bool Back(string line) => line.Contains($"of {ResourceNames.RegistrationApi} is back in the rotation", StringComparison.Ordinal);
        var said = platform.Logs.Since(ResourceNames.Gateway, gatewayLogMark);
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15); !(said.Any(Left) && said.Any(Back)) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(250, Ct);
            said = platform.Logs.Since(ResourceNames.Gateway, gatewayLogMark);
        }
        Assert.Single(said, Left);
        Assert.Single(said, Back);
        Assert.DoesNotContain(said, line => line.Contains("Probing destination", StringComparison.Ordinal));
    }

    private async Task WaitForGatewayHealthAsync(CancellationToken cancellationToken)
    {
        // The gateway's own health checks must see the restarted replica before traffic is spread again.
        var replicas = platform.Replicas(ResourceNames.RegistrationApi).Select(r => r.Pid!.Value).ToHashSet();
        var seen = new HashSet<int>();
        try
        {
            while (!seen.SetEquals(replicas))
            {
                var instance = await platform.Gateway.GetFromJsonAsync<InstanceInfo>("/register/_instance", cancellationToken);
                seen.Add(instance!.Pid);
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            var gateway = platform.Logs.Of(ResourceNames.Gateway).TakeLast(20);
            Assert.Fail($"The gateway never sent traffic to the restarted replica. Its last output:\n{string.Join("\n", gateway)}");
        }
    }
}
