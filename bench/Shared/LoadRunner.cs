using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClientPlatform.Bench;

/// <summary>
/// Closed-loop load: a fixed number of connections, each sending its next request when the last one answered
/// (shared by the benchmarks, linked into each).
/// </summary>
internal sealed class LoadRunner(TimeSpan duration, int connections)
{
    /// <returns>Requests per second.</returns>
    public async Task<double> RunAsync(string name, Func<int, Task<bool>> request, bool print = true)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    ok = await request(worker);
                }
                catch (HttpRequestException)
                {
                }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                    Interlocked.Increment(ref errors);
            }
        }));
        var sorted = latencies.Order().ToArray();
        var rate = sorted.Length / clock.Elapsed.TotalSeconds;
        if (print)
            Console.WriteLine($"{name,-34} {rate,11:0} {Percentiles.Of(sorted, 0.5),8:0.0} {Percentiles.Of(sorted, 0.99),8:0.0} {errors,7}");
        return rate;
    }
}
