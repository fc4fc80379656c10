namespace ClientPlatform.Hosting;

/// <summary>
/// The processes this AppHost started, so that the next start can end what a killed AppHost left
/// behind (a process is matched by PID and start time, never by PID alone).
/// </summary>
internal sealed class PidFile(string path)
{
    private readonly object _gate = new();

    public void Add(int pid, string what)
    {
        lock (_gate)
            File.AppendAllText(path, $"{pid} {StartTicks(pid)} {what}{Environment.NewLine}");
    }

    public void Clear()
    {
        lock (_gate)
        {
            if (File.Exists(path))
                File.Delete(path);
        }
    }

    /// <summary>Kills the process groups recorded by an earlier run that are still alive; returns how many.</summary>
    public int SweepOrphans()
    {
        if (!File.Exists(path))
            return 0;
        var killed = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 2 || !int.TryParse(parts[0], out var pid))
                continue;
            if (StartTicks(pid) is { } ticks && ticks == parts[1] && Signals.SendToGroup(pid, Signals.SigKill))
                killed++;
        }
        File.Delete(path);
        return killed;
    }

    // Field 22 of /proc/<pid>/stat: start time in clock ticks since boot.
    private static string? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
