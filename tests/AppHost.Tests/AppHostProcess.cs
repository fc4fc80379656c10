using System.Diagnostics;
using System.Text;

namespace ClientPlatform.AppHost.Tests;

/// <summary>The built AppHost run as the run command runs it: <c>dotnet AppHost.dll [options]</c>.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppHostProcess(Process process)
    {
        _process = process;
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
    public static AppHostProcess Start(string? hiddenDirectory, string[] arguments)
    {
        var info = hiddenDirectory is null
            ? new ProcessStartInfo("dotnet", [AssemblyPath, .. arguments])
            : new ProcessStartInfo("unshare",
                ["--mount", "sh", "-c", $"mount --bind \"$(mktemp -d)\" '{hiddenDirectory}' && exec dotnet \"$0\" \"$@\"", AssemblyPath, .. arguments]);
        info = new ProcessStartInfo(info.FileName, info.ArgumentList)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        return new AppHostProcess(Process.Start(info)!);
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

    public void Signal(int signal) => Native.Kill(_process.Id, signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Native.Kill(_process.Id, Native.SigInt);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await _process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
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
