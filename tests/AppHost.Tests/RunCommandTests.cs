using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ClientPlatform.Testing;

namespace ClientPlatform.AppHost.Tests;

/// <summary>The AppHost binary, as ./run.sh starts it: everything healthy, then stopped leaving nothing behind.</summary>
public sealed class RunCommandTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_ThenCtrlC_EveryResourceHealthy_ThenNoProcessLeft()
    {
        // Arrange
        var (gateway, dashboard, state) = (FreeTcpPort.Next(), FreeTcpPort.Next(), StateDir());
        await using var host = AppHostProcess.Start(
            "--gateway-port", gateway.ToString(), "--dashboard-port", dashboard.ToString(), "--state-dir", state);

        // Act
        var resources = await WaitForAllHealthyAsync(host, dashboard);
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://localhost:{gateway}/health", TestContext.Current.CancellationToken);
        host.Signal(Native.SigInt);
        using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.WaitForExitAsync(stopLimit.Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(2, resources.Count(r => r.Name == "registration-api"));
        Assert.Contains($"http://localhost:{gateway}", host.Output);
        Assert.Contains($"dashboard: http://localhost:{dashboard}/", host.Output);
        Assert.Equal(0, host.ExitCode);
        var pids = resources.Where(r => r.Pid is not null).Select(r => r.Pid!.Value).ToList();
        Assert.True(pids.Count >= 8);
        Assert.DoesNotContain(pids, Native.IsAlive);
        Assert.Empty(ProcessesUsing(state));
    }

    [Fact]
    public async Task Run_AppHostKilled_ChildrenStopThemselves_AndTheNextRunStartsCleanly()
    {
        // Arrange
        var (dashboard, state) = (FreeTcpPort.Next(), StateDir());
        string[] arguments = ["--gateway-port", "0", "--dashboard-port", dashboard.ToString(), "--state-dir", state, "--registration-replicas", "1"];
        List<Row> resources;
        await using (var first = AppHostProcess.Start(arguments))
        {
            resources = await WaitForAllHealthyAsync(first, dashboard);

            // Act: no chance to clean up.
            first.Signal(Native.SigKill);
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // Assert: the kernel's parent-death signal stops every child without the AppHost.
        var pids = resources.Where(r => r.Pid is not null).Select(r => r.Pid!.Value).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (pids.Any(Native.IsAlive) && DateTime.UtcNow < deadline)
            await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(pids, Native.IsAlive);

        await using var second = AppHostProcess.Start(arguments);
        await WaitForAllHealthyAsync(second, dashboard);
    }

    private static async Task<List<Row>> WaitForAllHealthyAsync(AppHostProcess host, int dashboardPort)
    {
        using var http = new HttpClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(StartLimit);
        while (true)
        {
            Assert.False(host.HasExited, $"The AppHost exited early:\n{host.Output}");
            try
            {
                var rows = await http.GetFromJsonAsync<List<Row>>($"http://localhost:{dashboardPort}/api/resources", limit.Token);
                if (rows is { Count: > 0 } && rows.All(r => r is { State: "Running", Health: "Healthy" }))
                    return rows;
            }
            catch (HttpRequestException)
            {
                // the dashboard is not up yet
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                Assert.Fail($"Not every resource was healthy within {StartLimit}. Output:\n{host.Output}");
            }
            await Task.Delay(250, limit.Token);
        }
    }

    /// <summary>Processes whose command line names the state folder (servers, epmd, the Erlang VM).</summary>
    private static List<string> ProcessesUsing(string state) =>
        Directory.GetDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out var pid) && Native.IsAlive(pid))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } })
            .Where(c => c.Contains(state, StringComparison.Ordinal) && !c.Contains("AppHost.dll", StringComparison.Ordinal))
            .ToList();

    private static string StateDir()
    {
        var path = Directory.CreateTempSubdirectory("apphost-run-").FullName;
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private sealed record Row(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("health")] string Health,
        [property: JsonPropertyName("pid")] int? Pid);
}
