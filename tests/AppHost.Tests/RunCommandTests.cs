using System.Net;
using System.Text.RegularExpressions;
using ClientPlatform.Testing;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// The AppHost binary, as ./run.sh starts it: every resource healthy, the gateway's and the dashboard's URLs
/// printed, then stopped by a signal leaving no process behind — DCP, the dashboard, servers and services.
/// </summary>
public sealed partial class RunCommandTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(Native.SigInt)]
    [InlineData(Native.SigTerm)]
    public async Task Run_ThenSignal_EveryResourceHealthy_ThenNoProcessLeftWithin30s(int signal)
    {
        // Arrange
        var (gateway, dashboard, state) = (FreeTcpPort.Next(), FreeTcpPort.NextForDashboard(), StateDir());
        await using var host = AppHostProcess.Start(
            "--gateway-port", gateway.ToString(), "--dashboard-port", dashboard.ToString(), "--state-dir", state);

        // Act
        await host.WaitForOutputAsync(ReadyLine(), StartLimit);
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://localhost:{gateway}/health", TestContext.Current.CancellationToken);
        var dashboardPage = await http.GetAsync($"http://localhost:{dashboard}/", TestContext.Current.CancellationToken);
        var started = host.Processes();
        host.Signal(signal);
        var left = await host.WaitUntilNoProcessLeftAsync(StopLimit);

        // Assert
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(dashboardPage.IsSuccessStatusCode || dashboardPage.StatusCode == HttpStatusCode.Unauthorized, $"{dashboardPage.StatusCode}");
        Assert.Contains($"Gateway: http://localhost:{gateway}", host.Output);
        Assert.Single(LoginUrl().Matches(host.Output).Select(m => m.Value).Distinct());
        Assert.Contains($"http://localhost:{dashboard}/login?t=", host.Output);
        // DCP, the dashboard, the three servers (with epmd and the Erlang VM), 2 + 1 API replicas, the worker, the gateway.
        Assert.True(started.Count >= 10, string.Join("\n", started));
        Assert.Empty(left);
        Assert.True(host.HasExited);
        Assert.DoesNotContain("Unhandled exception", host.Output);
    }

    [Fact]
    public async Task Run_AppHostKilled_ChildrenStopThemselves_AndTheNextRunStartsCleanly()
    {
        // Arrange
        var (dashboard, state) = (FreeTcpPort.NextForDashboard(), StateDir());
        string[] arguments = ["--gateway-port", "0", "--dashboard-port", dashboard.ToString(), "--state-dir", state, "--registration-replicas", "1"];
        IReadOnlyList<string> left;
        await using (var first = AppHostProcess.Start(arguments))
        {
            await first.WaitForOutputAsync(ReadyLine(), StartLimit);

            // Act: no chance to clean up. DCP watches the AppHost's process and stops everything it started.
            first.Signal(Native.SigKill);
            left = await first.WaitUntilNoProcessLeftAsync(StopLimit);
        }

        // Assert
        Assert.Empty(left);
        await using var second = AppHostProcess.Start(arguments);
        await second.WaitForOutputAsync(ReadyLine(), StartLimit);
    }

    [GeneratedRegex(@"All resources are healthy after \d+(\.\d+)? s")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"http://localhost:\d+/login\?t=[0-9a-f]+")]
    private static partial Regex LoginUrl();

    private static string StateDir()
    {
        var path = Directory.CreateTempSubdirectory("apphost-run-").FullName;
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }
}
