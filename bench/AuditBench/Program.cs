using ClientPlatform.Bench.Audit;

// Usage: dotnet run -c Release --project bench/AuditBench [-- --rates 200,1000 --seconds 15]
var options = BenchOptions.Parse(args);
await using var platform = await BenchPlatform.StartAsync();
Console.WriteLine($"audit pipeline benchmark · {Environment.ProcessorCount} cores · {options.Seconds} s per rate · " +
                  "whole platform (2 registration replicas, admin API, audit worker) on this machine");
// Warm-up, not reported: JIT, connection pools and the broker's queue are ready before anything is measured.
await new AuditBenchmark(platform).RunAsync(200, TimeSpan.FromSeconds(3));
Console.WriteLine($"{"offered/s",10} {"committed/s",12} {"delivered/s",12} {"events",8} {"lag p50 ms",11} {"lag p99 ms",11} {"lag max ms",11}");
foreach (var rate in options.Rates)
{
    var result = await new AuditBenchmark(platform).RunAsync(rate, TimeSpan.FromSeconds(options.Seconds));
    Console.WriteLine(result);
}
