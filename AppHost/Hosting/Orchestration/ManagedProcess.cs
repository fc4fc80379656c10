using System.Diagnostics;

namespace ClientPlatform.Hosting;

/// <summary>One child process: started in its own session, its output captured, stopped with the right signal.</summary>
internal sealed class ManagedProcess
{
    // Never inherited from the AppHost, as under Aspire (DcpHost): each child gets its own.
    private static readonly string[] NotInherited =
        ["ASPNETCORE_URLS", "DOTNET_LAUNCH_PROFILE", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS"];

    private readonly Process _process;
    private readonly ProcessSpec _spec;

    private ManagedProcess(Process process, ProcessSpec spec)
    {
        _process = process;
        _spec = spec;
        Exited = process.WaitForExitAsync();
    }

    public int Pid => _process.Id;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    public int? ExitCode => HasExited ? _process.ExitCode : null;

    public static async Task<ManagedProcess> StartAsync(ProcessSpec spec, Action<string, bool> onLine)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // setsid: its own process group, so Ctrl+C in the terminal reaches only the AppHost, which then
        // stops everything in order. setpriv execs (the PID stays the server's) and asks the kernel to
        // send SIGTERM if the AppHost dies without stopping it.
        info.ArgumentList.Add("setpriv");
        if (spec.RunAsUser is { } user && Signals.IsRoot)
        {
            info.ArgumentList.Add($"--reuid={user}");
            info.ArgumentList.Add($"--regid={user}");
            info.ArgumentList.Add("--init-groups");
        }
        info.ArgumentList.Add("--pdeathsig=TERM");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in NotInherited)
            info.Environment.Remove(name);
        foreach (var (name, value) in spec.Environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        var process = await ProcessSpawner.StartAsync(info);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return new ManagedProcess(process, spec);
    }

    /// <summary>The stop signal, then SIGKILL to the whole group after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            Signals.Send(Pid, _spec.StopSignal);
            await Task.WhenAny(Exited, Task.Delay(grace));
        }
        // Also reaps what the leader left behind (RabbitMQ's VM under its start script).
        Signals.SendToGroup(Pid, Signals.SigKill);
        await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }

    /// <summary>For fault tests: the process dies as if the machine pulled it.</summary>
    public void Kill() => Signals.SendToGroup(Pid, Signals.SigKill);
}
