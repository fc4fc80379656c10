using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

namespace ClientPlatform.Bench;

/// <summary>
/// CPU time spent by each resource of the platform (every replica's whole process tree: PostgreSQL's backends,
/// RabbitMQ's Erlang VM) and by the benchmark itself, from /proc (Linux): where the cores went during a run.
/// </summary>
internal sealed class CpuUsage(PlatformFixture platform)
{
    private static readonly string[] Resources =
    [
        ResourceNames.Gateway, ResourceNames.RegistrationApi, ResourceNames.AdminApi, ResourceNames.AuditWorker,
        ResourceNames.Postgres, ResourceNames.Cache, ResourceNames.Messaging,
    ];

    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds so far, by resource name, plus "benchmark".</summary>
    public Dictionary<string, double> Snapshot()
    {
        var processes = Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d)).Where(n => n.All(char.IsAsciiDigit))
            .Select(n => Stat(int.Parse(n))).OfType<(int Pid, int Parent, double Seconds)>().ToList();
        var children = processes.ToLookup(p => p.Parent);
        double Tree(int pid) => processes.Where(p => p.Pid == pid).Sum(p => p.Seconds) + children[pid].Sum(c => Tree(c.Pid));

        var result = Resources.ToDictionary(name => name,
            name => platform.Instances(name).Select(r => r.Pid).OfType<int>().Sum(Tree));
        // DCP runs detached, so the platform's processes are not in our tree: the benchmark is this process (the
        // in-process load generator) and the children it ran and waited for (wrk, counted once it has exited).
        result["benchmark"] = processes.Where(p => p.Pid == Environment.ProcessId).Sum(p => p.Seconds) + WaitedForChildren();
        return result;
    }

    /// <summary>"gateway 310 µs · registration-api 280 µs · …" per request between two snapshots.</summary>
    public static string PerRequest(Dictionary<string, double> before, Dictionary<string, double> after, double requests) =>
        string.Join(" · ", after.Where(a => a.Value - before[a.Key] > 0.005)
            .OrderByDescending(a => a.Value - before[a.Key])
            .Select(a => $"{a.Key} {(a.Value - before[a.Key]) / requests * 1e6:0} µs"));

    private static double WaitedForChildren()
    {
        var text = File.ReadAllText("/proc/self/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13]) + long.Parse(fields[14])) / TicksPerSecond; // cutime, cstime
    }

    private static (int, int, double)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) "
            return (pid, int.Parse(fields[1]), (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null; // the process ended meanwhile
        }
    }
}
