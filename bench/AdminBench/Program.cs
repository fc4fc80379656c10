using System.Diagnostics;
using ClientPlatform.Bench;
using ClientPlatform.Bench.Admin;
using ClientPlatform.ServiceDefaults;

// Usage: dotnet run -c Release --project bench/AdminBench [-- --clients 100000 --seconds 10 --connections 8 --exports 5]
var options = BenchOptions.Parse(args);
await using var app = await PlatformUnderLoad.StartAsync();
Console.WriteLine($"admin benchmark · {Environment.ProcessorCount} cores · {options.Clients:N0} clients · " +
                  $"{options.Connections} connections · {options.Seconds} s each · whole platform on this machine");
var (sampleId, load, analyze) = await ClientSeeder.SeedAsync(app.ConnectionString(ResourceNames.ClientsDb), options.Clients);
Console.WriteLine($"loaded by binary COPY in {load.TotalSeconds:0.0} s (trigram indexes kept up meanwhile), VACUUM ANALYZE until all-visible {analyze.TotalSeconds:0.0} s");

var admin = new AdminCalls(app.Gateway.BaseAddress!, app.AdminSecret);
var scenarios = await ListScenarios.BuildAsync(admin, sampleId);

var loadRunner = new LoadRunner(TimeSpan.FromSeconds(options.Seconds), options.Connections);
Console.WriteLine($"{"scenario",-34} {"requests/s",11} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
// Tiered JIT keeps compiling hot code for tens of seconds on a saturated 2-core machine (bench/sidebyside.sh):
// every scenario in turn for 5 s, at least 30 s in all, until page 1's rate agrees with the round before within 5 %.
var warmUp = new LoadRunner(TimeSpan.FromSeconds(5), options.Connections);
var (rounds, warmed, lastRate) = (0, Stopwatch.StartNew(), 0.0);
while (++rounds <= 6)
{
    var rate = 0.0;
    foreach (var (_, path) in scenarios)
    {
        var scenarioRate = await warmUp.RunAsync("warm-up", _ => admin.GetAsync(path), print: false);
        if (path == scenarios[0].Path)
            rate = scenarioRate;
    }
    if (warmed.Elapsed >= TimeSpan.FromSeconds(30) && lastRate > 0 && Math.Abs(rate - lastRate) / lastRate < 0.05)
        break;
    lastRate = rate;
}
Console.WriteLine($"(warmed up in {warmed.Elapsed.TotalSeconds:0} s: {Math.Min(rounds, 6)} rounds of every scenario)");
foreach (var (name, path) in scenarios)
    await loadRunner.RunAsync(name, _ => admin.GetAsync(path));

var adminPid = app.Replicas(ResourceNames.AdminApi).First().Pid ?? throw new UnreachableException("admin-api has no process");
ExportBenchmark.PrintHeader();
foreach (var format in new[] { "csv", "json" })
    await ExportBenchmark.RunAsync(admin, adminPid, format, options.Exports, options.Clients);
