using System.Text.RegularExpressions;
using ClientPlatform.Testing;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// A service that cannot stay up (here the gateway, given a port no TCP port can be) is restarted with back-off a bounded
/// number of times, then left down with one line saying so: a crash loop is a setting or a bug to fix, not bad luck.
/// </summary>
public sealed partial class SupervisionTests
{
    [Fact]
    public async Task ServiceThatKeepsExiting_IsRestartedMaxRestartsTimes_ThenGivenUpOnWithOneLine()
    {
        // Arrange
        var state = Directory.CreateTempSubdirectory("apphost-crashloop-").FullName;
        File.SetUnixFileMode(state, (UnixFileMode)0b111_101_101);
        await using var host = AppHostProcess.Start(new Dictionary<string, string>
        {
            [$"{AppHostSettings.Section}__ServiceEnvironment__Gateway__AdminPort"] = "70000",
            [$"{AppHostSettings.Section}__Supervision__FirstDelay"] = "00:00:00.2",
            [$"{AppHostSettings.Section}__Supervision__MaxDelay"] = "00:00:01",
            [$"{AppHostSettings.Section}__Supervision__MaxRestarts"] = "3",
        }, "--gateway-port", FreeTcpPort.Next().ToString(), "--dashboard-port", FreeTcpPort.NextForDashboard().ToString(), "--state-dir", state,
            "--registration-replicas", "1");

        // Act
        await host.WaitForOutputAsync(GaveUp(), TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        // Assert: three restarts (0.2 s, 0.4 s, 0.8 s after each exit), then the fourth exit left alone.
        var restarts = Restarting().Matches(host.Output).Select(m => m.Groups["delay"].Value).ToList();
        Assert.Equal(["0.2", "0.4", "0.8"], restarts);
        Assert.Single(GaveUp().Matches(host.Output));
        Assert.DoesNotContain(host.Processes(), p => p.Contains("Gateway.dll", StringComparison.Ordinal));
        // Everything else stays up and is not restarted.
        Assert.DoesNotMatch(@"(registration-api|admin-api|audit-worker|postgres|cache|messaging)-\w+ exited unasked", host.Output);
        Assert.False(host.HasExited);
    }

    /// <summary>
    /// The dashboard's Stop (Aspire's stop command) is an operator's decision: the supervisor leaves that resource stopped,
    /// while a process killed under it is started again, as a new process, with no command from anyone.
    /// </summary>
    [Fact]
    public async Task StoppedByTheStopCommand_StaysStopped_WhileAKilledReplicaIsStartedAgain()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var platform = new SupervisedPlatform();
        await platform.InitializeAsync();
        var killed = platform.Replicas(ServiceDefaults.ResourceNames.RegistrationApi)[0];

        // Act
        await platform.StopAsync(ServiceDefaults.ResourceNames.Cache, ct);
        platform.KillReplica(ServiceDefaults.ResourceNames.RegistrationApi, 0);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        await platform.App.ResourceNotifications.WaitForResourceAsync(killed.Name,
            e => e.Snapshot.State?.Text == Aspire.Hosting.ApplicationModel.KnownResourceStates.Running && e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value?.ToString() != killed.Pid?.ToString()),
            limit.Token);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);

        // Assert
        var restarted = platform.Replicas(ServiceDefaults.ResourceNames.RegistrationApi)[0];
        Assert.True(restarted.Running, restarted.State);
        Assert.NotEqual(killed.Pid, restarted.Pid);
        Assert.False(platform.Resource(ServiceDefaults.ResourceNames.Cache).Running, "Redis, stopped by its Stop command, was started again");
    }

    /// <summary>
    /// The servers and the registration replicas with the AppHost's supervisor on, as ./run.sh runs it; the other
    /// services are not this test's subject and would only lengthen its start.
    /// </summary>
    private sealed class SupervisedPlatform() : ServersFixture(new Dictionary<string, string?>
    {
        [AppHostSettings.ServiceSetting("RateLimits:Enabled")] = "false",
        [$"{AppHostSettings.Section}:Supervision:Enabled"] = "true",
    })
    {
        protected override IReadOnlyCollection<string>? KeptProjects =>
        [
            ServiceDefaults.ResourceNames.Migrate,
            .. Enumerable.Range(0, RegistrationReplicas).Select(i => ProjectReplicas.ReplicaName(ServiceDefaults.ResourceNames.RegistrationApi, i)),
        ];
    }

    [GeneratedRegex(@"gateway-\w+ exited unasked \(exit code 1\); restarting it in (?<delay>[\d.]+) s")]
    private static partial Regex Restarting();

    [GeneratedRegex(@"gateway-\w+ exited 4 times within 120 s \(last exit code 1\): not restarted again")]
    private static partial Regex GaveUp();
}
