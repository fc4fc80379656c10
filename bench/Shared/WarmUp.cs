using System.Diagnostics;

namespace ClientPlatform.Bench;

/// <summary>
/// Tiered JIT compiles hot code again, optimised, on a background thread that a saturated 2-core machine starves:
/// throughput climbs for tens of seconds (about 35 s on a fresh platform, bench/sidebyside.sh). A benchmark warms
/// up in rounds (every scenario in turn, a few seconds each) for at least 30 s, then until the first scenario's
/// rate agrees with the round before within 5 %, at most 6 rounds.
/// </summary>
internal static class WarmUp
{
    private const int MaxRounds = 6;
    private static readonly TimeSpan AtLeast = TimeSpan.FromSeconds(30);

    /// <param name="round">Runs every scenario once and returns the first one's requests per second.</param>
    public static async Task RunAsync(Func<Task<double>> round)
    {
        var (rounds, clock, lastRate) = (0, Stopwatch.StartNew(), 0.0);
        while (++rounds <= MaxRounds)
        {
            var rate = await round();
            if (clock.Elapsed >= AtLeast && lastRate > 0 && Math.Abs(rate - lastRate) / lastRate < 0.05)
                break;
            lastRate = rate;
        }
        Console.WriteLine($"(warmed up in {clock.Elapsed.TotalSeconds:0} s: {Math.Min(rounds, MaxRounds)} rounds of every scenario)");
    }
}
