using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClientPlatform.Bench;

/// <summary>
/// What this machine charges for entering the kernel and for a round trip between two processes over a pipe
/// (<c>perf bench</c>), printed before and after a benchmark as bench/sidebyside.sh prints it. A read through the
/// gateway makes about 13 system calls and 4 context switches in the platform's processes, and this virtual
/// machine's speed moves between sessions (README, Benchmarks): runs of different sessions can be compared on
/// these too.
/// </summary>
internal static partial class MachineCosts
{
    /// <summary>One line; "?" for a figure perf could not give (perf missing: <c>apt-get install linux-perf</c>).</summary>
    public static async Task<string> DescribeAsync(string when)
    {
        var systemCall = await PerfBenchAsync("syscall", "basic", "-l", "1000000");
        var pipeRoundTrip = await PerfBenchAsync("sched", "pipe", "-l", "50000");
        return $"machine ({when}): a system call {Format(systemCall, "0.00")} µs, " +
               $"a round trip between two processes over a pipe {Format(pipeRoundTrip, "0.0")} µs (perf bench)";
    }

    private static string Format(double? microseconds, string format) =>
        microseconds?.ToString(format, CultureInfo.InvariantCulture) ?? "?";

    /// <returns>perf's microseconds per operation, or null.</returns>
    private static async Task<double?> PerfBenchAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("bench");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var perf = Process.Start(start);
            if (perf is null)
                return null;
            var (outputRead, errorRead) = (perf.StandardOutput.ReadToEndAsync(), perf.StandardError.ReadToEndAsync());
            await perf.WaitForExitAsync();
            var output = await outputRead;
            await errorRead;
            return perf.ExitCode == 0 && MicrosecondsPerOperation().Match(output) is { Success: true } figure
                ? double.Parse(figure.Groups[1].Value, CultureInfo.InvariantCulture)
                : null;
        }
        catch (Win32Exception)
        {
            return null; // perf is not installed
        }
    }

    [GeneratedRegex(@"([0-9.]+) usecs/op")]
    private static partial Regex MicrosecondsPerOperation();
}
