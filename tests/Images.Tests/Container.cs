using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ClientPlatform.Testing;

namespace ClientPlatform.Images.Tests;

/// <summary>
/// One image run by deploy/images/run.sh (runc, read-only root, the image's own user), its console output
/// kept, stopped with SIGTERM as Kubernetes stops a pod.
/// </summary>
public sealed class Container : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Container(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The runc container id: unique per test run, so a leftover of an earlier run never collides.</summary>
    public string Name { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public Task<int> Exited => _exited.Task;

    public static Container Start(string image, string role, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var name = $"cp-{role}-{Guid.NewGuid():N}"[..24];
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "deploy", "images", "run.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(ServiceImages.Reference(image));
        start.ArgumentList.Add(name);
        foreach (var (key, value) in environment)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add($"{key}={value}");
        }
        if (arguments.Length > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var container = new Container(name, process);
        process.OutputDataReceived += (_, e) => container.Append(e.Data);
        process.ErrorDataReceived += (_, e) => container.Append(e.Data);
        process.Exited += (_, _) => container._exited.TrySetResult(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return container;
    }

    /// <summary>Runs an image to completion (a job), within <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string image, string role, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, params string[] arguments)
    {
        await using var container = Start(image, role, environment, arguments);
        var exitCode = await container.Exited.WaitAsync(timeout);
        return (exitCode, container.Output);
    }

    /// <summary>The container's first process, as this machine sees it (runc state).</summary>
    public async Task<int> PidAsync()
    {
        var (_, state) = await Runc("state", Name);
        return JsonDocument.Parse(state).RootElement.GetProperty("pid").GetInt32();
    }

    /// <summary>Runs a command in the running container, as a container engine's health check does.</summary>
    public Task<(int ExitCode, string Output)> ExecAsync(params string[] command) => Runc(["exec", Name, .. command]);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Runc("kill", Name, "TERM");
            try
            {
                await _exited.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                await Runc("delete", "--force", Name);
            }
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static Task<(int ExitCode, string Output)> Runc(params string[] arguments) => ExternalCommand.RunAsync("runc", arguments);
}
