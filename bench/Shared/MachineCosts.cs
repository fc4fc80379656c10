using System.Diagnostics;
using ClientPlatform.Testing;

namespace ClientPlatform.Bench;

/// <summary>
/// The machine's cost of a system call and of a round trip between two processes, printed before and after a
/// benchmark: bench/machine-costs.sh's line, the same that bench/sidebyside.sh prints (why: that script).
/// </summary>
internal static class MachineCosts
{
    public static async Task<string> DescribeAsync(string when)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add(RepositoryRoot.Combine("bench", "machine-costs.sh"));
        start.ArgumentList.Add(when);
        using var script = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var line = await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();
        return line.TrimEnd();
    }
}
