namespace ClientPlatform.Bench.Admin;

/// <summary>
/// Full exports, one after another, with the admin API process's resident memory before and at its peak:
/// a streamed export holds a few rows at a time, so its peak barely moves with the number of clients.
/// </summary>
internal static class ExportBenchmark
{
    public static void PrintHeader() =>
        Console.WriteLine($"{"export",-6} {"runs",5} {"1st byte ms",11} {"min ms",7} {"p50 ms",7} {"max ms",7} {"MB",6} {"rows",8} " +
                          $"{"RSS before MiB",15} {"peak MiB",9} {"peak − before",14}");

    public static async Task RunAsync(AdminCalls admin, int adminPid, string format, int runs, int expectedRows)
    {
        await admin.ExportAsync(format); // warm-up: JIT and pools, not counted in the memory figures either
        var before = ProcessMemory.Read(adminPid);
        var peakReset = ProcessMemory.TryResetPeak(adminPid);
        var results = new List<ExportRun>();
        for (var i = 0; i < runs; i++)
            results.Add(await admin.ExportAsync(format));
        var after = ProcessMemory.Read(adminPid);

        var total = results.Select(r => r.LastByte.TotalMilliseconds).Order().ToArray();
        var first = results.Select(r => r.FirstByte.TotalMilliseconds).Order().ToArray();
        var rows = results.Select(r => r.Rows).Distinct().ToArray();
        var rowCheck = rows is [var n] && n == expectedRows ? $"{n,8}" : $"{string.Join('/', rows)} ≠ {expectedRows}";
        // The growth is rounded to whole MiB first: a fraction that rounds to zero would print as "-+0".
        // Few runs: min, median and max say more than a p99 would.
        Console.WriteLine($"{format,-6} {runs,5} {Percentiles.Of(first, 0.5),11:0} {total[0],7:0} {Percentiles.Of(total, 0.5),7:0} {total[^1],7:0} " +
                          $"{results[0].Bytes / 1e6,6:0.0} {rowCheck} {Mb(before.RssKb),15:0} {Mb(after.PeakKb),9:0} {(int)Math.Round(Mb(after.PeakKb - before.RssKb)),14:+0;-0;0}" +
                          (peakReset ? "" : "  (peak since the process started: clear_refs refused)"));
    }

    private static double Mb(long kb) => kb / 1024.0;
}
