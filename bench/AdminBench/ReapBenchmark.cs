using System.Diagnostics;

namespace ClientPlatform.Bench.Admin;

/// <summary>
/// Issue 34: the lifecycle reaper's throughput on the loaded table (clients reaped per second, through
/// <c>POST /admin/clients/reap</c> called until nothing is left), and the list's page 1 measured while it runs.
/// </summary>
internal static class ReapBenchmark
{
    public static async Task RunAsync(AdminCalls admin, LoadRunner reads, string readPath)
    {
        var stale = await admin.TotalAsync("/admin/clients?stale=true&limit=1");
        var clock = Stopwatch.StartNew();
        var reaping = Task.Run(async () =>
        {
            var (total, calls, more) = (0, 0, true);
            while (more)
            {
                (var reaped, more) = await admin.ReapAsync();
                total += reaped;
                calls++;
            }
            return (Total: total, Calls: calls, Elapsed: clock.Elapsed);
        });
        var readsStarted = clock.Elapsed;
        await reads.RunAsync("list page 1 while reaping", _ => admin.GetAsync(readPath));
        var readsEnded = clock.Elapsed;
        var (total, calls, elapsed) = await reaping;
        Console.WriteLine($"reaper: {stale:N0} stale clients, {total:N0} reaped (deleted, each with its client_expired row) in {elapsed.TotalSeconds:0.0} s " +
                          $"by {calls} calls: {total / elapsed.TotalSeconds:N0} clients/s; the reads above ran {readsStarted.TotalSeconds:0.0}–" +
                          $"{readsEnded.TotalSeconds:0.0} s into it" + (readsEnded > elapsed ? " (the reaping ended first)" : ""));
        Console.WriteLine($"after: {await admin.TotalAsync("/admin/clients?stale=true&limit=1"):N0} stale");
    }
}
