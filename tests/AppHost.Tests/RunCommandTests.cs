using System.Net;
using System.Text.RegularExpressions;
using ClientPlatform.Testing;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// The AppHost binary, as ./run.sh starts it: every resource healthy, the gateway's and the dashboard's URLs
/// printed, then stopped by a signal leaving no process behind — DCP, the dashboard, servers and services — or killed,
/// leaving DCP to stop them.
/// </summary>
public sealed partial class RunCommandTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What ./run.sh's operator sees once it is ready: the gateway healthy, the dashboard answering, both URLs printed
    /// (one login URL), and every process of the run started: DCP, the dashboard, the three servers (with epmd and the
    /// Erlang VM), the API replicas, the worker, the gateway. The first start of the telemetry tests checks it
    /// (each start of the AppHost costs about 30 s of the test run: issue 33).
    /// </summary>
    internal static async Task AssertReadyAsync(AppHostProcess host, int gateway, int dashboard)
    {
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://localhost:{gateway}/health", TestContext.Current.CancellationToken);
        var dashboardPage = await http.GetAsync($"http://localhost:{dashboard}/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(dashboardPage.IsSuccessStatusCode || dashboardPage.StatusCode == HttpStatusCode.Unauthorized, $"{dashboardPage.StatusCode}");
        Assert.Contains($"Gateway: http://localhost:{gateway}", host.Output);
        Assert.Single(LoginUrl().Matches(host.Output).Select(m => m.Value).Distinct());
        Assert.Contains($"http://localhost:{dashboard}/login?t=", host.Output);
        var started = host.Processes();
        Assert.True(started.Count >= 10, string.Join("\n", started));
    }

    /// <summary>
    /// Ctrl+C (SIGINT) or a service manager's stop (SIGTERM): within 30 s no process of the run is left — DCP, the
    /// dashboard, servers and services — and the AppHost has exited without a stack trace. The telemetry test ends with
    /// SIGINT, the test on existing servers with SIGTERM.
    /// </summary>
    internal static async Task SignalAndAssertNothingLeftAsync(AppHostProcess host, int signal)
    {
        host.Signal(signal);
        var left = await host.WaitUntilNoProcessLeftAsync(StopLimit);
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
