using System.Diagnostics;
using System.Text;
using ClientPlatform.Testing;

namespace ClientPlatform.AppHost.Tests;

/// <summary>The built AppHost run as the run command runs it: <c>dotnet AppHost.dll [options]</c>.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private const string MarkerVariable = "CLIENTPLATFORM_TEST_RUN";
    private readonly string _marker;

    private AppHostProcess(Process process, string marker)
    {
        _process = process;
        _marker = marker;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static AppHostProcess Start(params string[] arguments) => Start(hiddenDirectory: null, arguments);

    /// <summary>
    /// With <paramref name="hiddenDirectory"/>, the AppHost runs in a private mount namespace where that
    /// directory is empty: the machine as it would be without a Debian package.
    /// </summary>
    public static AppHostProcess Start(string? hiddenDirectory, string[] arguments) => Start(hiddenDirectory, arguments, new Dictionary<string, string>());

    /// <summary>As <see cref="Start(string[])"/>, with these environment variables set (e.g. <c>ConnectionStrings__clientsdb</c>).</summary>
    public static AppHostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(hiddenDirectory: null, arguments, environment);

    private static AppHostProcess Start(string? hiddenDirectory, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        // Ctrl+C must reach the AppHost as it does from a terminal, even when this test run was started in the
        // background (whose children inherit SIGINT ignored, which no shell may undo): perl resets it, then execs.
        string[] command = ["perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "dotnet", AssemblyPath, .. arguments];
        var info = hiddenDirectory is null
            ? new ProcessStartInfo(command[0], command[1..])
            : new ProcessStartInfo("unshare",
                ["--mount", "sh", "-c", $"mount --bind \"$(mktemp -d)\" '{hiddenDirectory}' && exec \"$@\"", "sh", .. command]);
        info = new ProcessStartInfo(info.FileName, info.ArgumentList)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        // Every process this run starts (DCP and all it runs) inherits the mark, which is how they are found again.
        var marker = Guid.NewGuid().ToString("N");
        info.Environment[MarkerVariable] = marker;
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        return new AppHostProcess(Process.Start(info)!, marker);
    }

    /// <summary>Runs to its end (a configuration error must end it quickly); fails the test on a hang.</summary>
    public static Task<AppHostProcess> RunToEndAsync(TimeSpan limit, params string[] arguments) =>
        RunToEndAsync(limit, hiddenDirectory: null, arguments);

    /// <summary>As <see cref="RunToEndAsync(TimeSpan, string[])"/>, on a machine where <paramref name="hiddenDirectory"/> is empty.</summary>
    public static Task<AppHostProcess> RunWithoutAsync(string hiddenDirectory, TimeSpan limit, params string[] arguments) =>
        RunToEndAsync(limit, hiddenDirectory, arguments);

    private static async Task<AppHostProcess> RunToEndAsync(TimeSpan limit, string? hiddenDirectory, string[] arguments)
    {
        var host = Start(hiddenDirectory, arguments);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await host._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await host.DisposeAsync();
            Assert.Fail($"The AppHost did not exit within {limit.TotalSeconds} s. Output:\n{host.Output}");
        }
        host._process.WaitForExit(); // flushes the redirected output
        return host;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Waits for a line matching <paramref name="line"/>; fails the test if the AppHost exits or the time runs out.</summary>
    public async Task WaitForOutputAsync(System.Text.RegularExpressions.Regex line, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!line.IsMatch(Output))
        {
            Assert.False(_process.HasExited, $"The AppHost exited early:\n{Output}");
            Assert.True(DateTime.UtcNow < deadline, $"No line matching '{line}' within {limit.TotalSeconds} s. Output:\n{Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Every live process of this run, the AppHost included: "pid command line".</summary>
    public IReadOnlyList<string> Processes()
    {
        var mark = $"{MarkerVariable}={_marker}";
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || !Native.IsAlive(pid))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(mark))
                    found.Add($"{pid} {File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim()}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // ended meanwhile
            }
        }
        return found;
    }

    /// <summary>Waits until the AppHost and every process it started have ended; returns those still alive at the limit.</summary>
    public async Task<IReadOnlyList<string>> WaitUntilNoProcessLeftAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var left = Processes();
            if (left.Count == 0 || DateTime.UtcNow >= deadline)
                return left;
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    public void Signal(int signal) => Native.Kill(_process.Id, signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Native.Kill(_process.Id, Native.SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await _process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        // Whatever a failed test left behind must not hold ports or data for the next one.
        foreach (var line in await WaitUntilNoProcessLeftAsync(TimeSpan.FromSeconds(30)))
            Native.Kill(int.Parse(line.Split(' ')[0]), Native.SigKill);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    // The AppHost built beside this test project, in the same configuration.
    private static string AssemblyPath
    {
        get
        {
            var root = Path.GetDirectoryName(Path.GetDirectoryName(new Projects.Gateway().ProjectPath))!;
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(root, "AppHost", "bin", configuration, "net10.0", "AppHost.dll");
        }
    }
}
