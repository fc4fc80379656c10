using System.Net;
using System.Text.RegularExpressions;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.AppHost.Tests;

/// <summary>
/// The platform as ./run.sh starts it (the built AppHost, executables, two registration replicas), once for the fault
/// tests, whose faults are an operator's: processes killed or frozen with signals, never through the platform's API.
/// </summary>
/// <remarks>
/// The gateway trusts X-Forwarded-For from loopback here, so the load comes from many addresses as real traffic does and
/// no per-address limit refuses it; the request budget is the one users run with (10 s, set here so that the database
/// freeze knows it); and the check afterwards may read every client with one admin credential.
/// </remarks>
public sealed partial class FaultPlatform : IAsyncLifetime
{
    // Not shorter to save the freeze a few seconds: at 4 s, a replica just restarted under the load, both cores busy, took
    // longer than that over its first requests (three DELETEs refused 503 at once, measured), which users never see at 10 s.
    public static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private AppHostProcess? _host;

    public int GatewayPort { get; } = FreeTcpPort.Next();
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("apphost-faults-").FullName;
    public HttpClient Gateway { get; private set; } = null!;
    private AppHostProcess Host => _host!;

    public async ValueTask InitializeAsync()
    {
        File.SetUnixFileMode(StateDirectory, (UnixFileMode)0b111_101_101);
        _host = AppHostProcess.Start(new Dictionary<string, string>
        {
            [$"{AppHostSettings.Section}__ServiceEnvironment__Gateway__TrustedProxies__0"] = "127.0.0.1",
            [$"{AppHostSettings.Section}__ServiceEnvironment__Requests__Budget"] = RequestBudget.ToString(),
            // The check afterwards reads every acknowledged client with one admin credential.
            [$"{AppHostSettings.Section}__ServiceEnvironment__RateLimits__Policies__admin-get__PermitLimit"] = "1000000",
        }, "--gateway-port", GatewayPort.ToString(), "--dashboard-port", FreeTcpPort.NextForDashboard().ToString(), "--state-dir", StateDirectory);
        await _host.WaitForOutputAsync(ReadyLine(), StartLimit);
        Gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{GatewayPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        KeepResourceLogs();
        if (_host is not null)
            await _host.DisposeAsync();
    }

    /// <summary>
    /// Every resource's console output, as DCP keeps it (the dashboard's console logs), copied to <c>logs/</c> in the state
    /// folder before DCP deletes it on shutdown: what a failed fault test is diagnosed from.
    /// </summary>
    private void KeepResourceLogs()
    {
        try
        {
            if (ResourceLogFolder() is not { } folder)
                return;
            var kept = Directory.CreateDirectory(Path.Combine(StateDirectory, "logs")).FullName;
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith("_out", StringComparison.Ordinal) || f.EndsWith("_err", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(kept, Path.GetFileName(file)), overwrite: true);
        }
        catch (IOException)
        {
        }
    }

    private string? ResourceLogFolder() =>
        Host.Processes().Select(p => KubeConfig().Match(p)).FirstOrDefault(m => m.Success)?.Groups[1].Value is { } kubeconfig
            ? Path.GetDirectoryName(kubeconfig)
            : null;

    /// <summary>The first unhandled exceptions the services logged (what a 500 is diagnosed from), a few lines each.</summary>
    public string UnhandledExceptions(int atMost = 3)
    {
        if (ResourceLogFolder() is not { } folder)
            return "(no resource logs found)";
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*_out"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length && found.Count < atMost; i++)
                if (lines[i].Contains("An unhandled exception", StringComparison.Ordinal))
                    found.Add(string.Join("\n", lines.Skip(i).Take(12)));
        }
        return found.Count == 0 ? "(no unhandled exception logged)" : string.Join("\n---\n", found);
    }

    /// <summary>The process ids of this platform's processes whose command line contains <paramref name="part"/>.</summary>
    public IReadOnlyList<int> Pids(string part) =>
        Processes().Where(p => p.CommandLine.Contains(part, StringComparison.Ordinal)).Select(p => p.Pid).ToList();

    /// <summary>Every PostgreSQL process: the postmaster and each backend (a SIGSTOP of the postmaster alone freezes nothing in use).</summary>
    public IReadOnlyList<int> PostgresPids() =>
        Processes().Where(p => p.CommandLine.Split(' ')[0] is var command && (command.EndsWith("/bin/postgres", StringComparison.Ordinal) || command == "postgres:"))
            .Select(p => p.Pid).ToList();

    /// <summary>
    /// This platform's processes: those the AppHost's run marks (AppHostProcess), and the servers working in its state
    /// folder, which Redis and PostgreSQL's backends are found by: a server that rewrites its process title overwrites the
    /// environment the mark is read from.
    /// </summary>
    private IEnumerable<(int Pid, string CommandLine)> Processes()
    {
        var marked = Host.Processes().Select(p => p.Split(' ', 2)).Select(p => (int.Parse(p[0]), p.Length > 1 ? p[1] : "")).ToList();
        var inState = new List<(int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || marked.Any(m => m.Item1 == pid))
                continue;
            try
            {
                var cwd = new DirectoryInfo(Path.Combine(directory, "cwd")).LinkTarget;
                if (cwd is not null && cwd.StartsWith(StateDirectory, StringComparison.Ordinal) && Native.IsAlive(pid))
                    inState.Add((pid, File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // ended meanwhile
            }
        }
        return marked.Concat(inState);
    }

    public void Signal(IEnumerable<int> pids, int signal)
    {
        foreach (var pid in pids)
            Native.Kill(pid, signal);
    }

    public string AdminSecret => File.ReadAllText(Path.Combine(StateDirectory, "secrets", "admin-api-secret")).Trim();

    /// <summary>The clients database as its owner: where the audit log is checked the way an operator would.</summary>
    public string DatabaseConnectionString()
    {
        var postmaster = Processes().First(p => p.CommandLine.Split(' ')[0].EndsWith("/bin/postgres", StringComparison.Ordinal));
        var port = PortArgument().Match(postmaster.CommandLine).Groups[1].Value;
        var password = File.ReadAllText(Path.Combine(StateDirectory, "secrets", "postgres")).Trim();
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = int.Parse(port), Username = "postgres", Password = password, Database = "clientsdb", Pooling = false,
        }.ConnectionString;
    }

    /// <summary>The registration replicas' process ids the gateway reaches, asked a few times through /register/_instance.</summary>
    public async Task<HashSet<int>> ServingRegistrationPidsAsync(CancellationToken cancellationToken)
    {
        var pids = new HashSet<int>();
        for (var i = 0; i < 8; i++)
        {
            try
            {
                using var response = await Gateway.GetAsync("/register/_instance", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && InstancePid().Match(await response.Content.ReadAsStringAsync(cancellationToken)) is { Success: true } pid)
                    pids.Add(int.Parse(pid.Groups[1].Value));
            }
            catch (HttpRequestException)
            {
            }
        }
        return pids;
    }

    /// <summary>The registration replica's process id that one request through the gateway reached (null: no answer).</summary>
    public async Task<int?> ServingRegistrationPidAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Gateway.GetAsync("/register/_instance", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK && InstancePid().Match(await response.Content.ReadAsStringAsync(cancellationToken)) is { Success: true } pid
                ? int.Parse(pid.Groups[1].Value)
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until <paramref name="ready"/> holds; the time it took, or fails the test at <paramref name="limit"/> with
    /// what <paramref name="progress"/> says had happened by then.
    /// </summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> ready, TimeSpan limit, string what, Func<string>? progress = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!await ready())
        {
            Assert.True(started.Elapsed < limit, $"{what}: not within {limit.TotalSeconds} s" + (progress is null ? "" : $" ({progress()})"));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return started.Elapsed;
    }

    [GeneratedRegex(@"All resources are healthy after \d+(\.\d+)? s")]
    private static partial Regex ReadyLine();

    [GeneratedRegex("--kubeconfig \"?([^\" ]+)")]
    private static partial Regex KubeConfig();

    [GeneratedRegex(@" -p (\d+)")]
    private static partial Regex PortArgument();

    [GeneratedRegex("\"pid\":(\\d+)")]
    private static partial Regex InstancePid();
}
