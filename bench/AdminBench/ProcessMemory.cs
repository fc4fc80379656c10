namespace ClientPlatform.Bench.Admin;

/// <summary>A process's resident memory from /proc/&lt;pid&gt;/status (Linux), in KiB.</summary>
internal sealed record ProcessMemory(long RssKb, long PeakKb)
{
    public static ProcessMemory Read(int pid)
    {
        var fields = File.ReadLines($"/proc/{pid}/status").Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
        return new ProcessMemory(Kb(fields["VmRSS"]), Kb(fields["VmHWM"]));
    }

    /// <summary>
    /// proc(5): writing 5 to clear_refs resets VmHWM to the current RSS, so the next reading is the peak of what
    /// ran in between rather than since the process started. Needs the process's owner or root.
    /// </summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Kb(string value) => long.Parse(value.Trim().Split(' ')[0]);
}
