using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClientPlatform.Bench;

/// <summary>
/// Closed-loop GET load from wrk, the load generator the issue's figures and bench/sidebyside.sh use (shared by
/// the benchmarks, linked into each). On two cores the load generator takes its share of them: wrk, written in
/// C, costs a fraction of the CPU per request that an in-process HttpClient does, so less of what is measured
/// is the measuring (AdminBench prints both).
/// </summary>
internal sealed partial class Wrk(TimeSpan duration, int connections)
{
    /// <summary>Whether wrk is on the PATH (the benchmarks fall back to <see cref="LoadRunner"/> when not).</summary>
    public static bool IsInstalled { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, "wrk")));

    /// <summary>GETs of <paramref name="url"/> with one Authorization header.</summary>
    /// <returns>Requests per second.</returns>
    public Task<double> RunAsync(string name, Uri url, string authorization, bool print = true) =>
        RunAsync(name, url, ["-H", $"Authorization: {authorization}"], print);

    /// <summary>Requests that a wrk Lua script builds (for example a random client's read, or a POST), sent to
    /// <paramref name="url"/>'s host.</summary>
    /// <returns>Requests per second.</returns>
    public async Task<double> RunScriptAsync(string name, Uri url, string luaScript, bool print = true)
    {
        var script = Path.Combine(Path.GetTempPath(), $"wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, luaScript);
        try
        {
            return await RunAsync(name, url, ["-s", script], print);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>A Lua string literal of <paramref name="value"/>.</summary>
    public static string LuaString(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private async Task<double> RunAsync(string name, Uri url, string[] options, bool print)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s", .. options, url.AbsoluteUri])
            start.ArgumentList.Add(argument);
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var (outputRead, errorRead) = (wrk.StandardOutput.ReadToEndAsync(), wrk.StandardError.ReadToEndAsync());
        await wrk.WaitForExitAsync();
        var (output, errorOutput) = (await outputRead, await errorRead);
        if (wrk.ExitCode != 0 || RateLine().Match(output) is not { Success: true } rate)
            throw new InvalidOperationException($"wrk failed (exit {wrk.ExitCode}): {errorOutput}{output}");
        var requests = double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
        // wrk counts a socket error or a non-2xx answer as an error; both are printed, as LoadRunner does.
        var errors = (NonSuccessLine().Match(output) is { Success: true } bad ? int.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
                     + SocketErrors().Matches(output).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        if (print)
            Console.WriteLine($"{name,-34} {requests,11:0} {Latency(output, "50%"),8:0.0} {Latency(output, "99%"),8:0.0} {errors,7}");
        return requests;
    }

    /// <summary>A percentile of wrk's --latency distribution, in milliseconds ("812.00us", "5.31ms", "1.02s").</summary>
    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
            return double.NaN;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
