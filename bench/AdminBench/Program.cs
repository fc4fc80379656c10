using System.Diagnostics;
using ClientPlatform.Bench;
using ClientPlatform.Bench.Admin;
using ClientPlatform.ServiceDefaults;

// Usage: dotnet run -c Release --project bench/AdminBench [-- --clients 1000000 --seconds 10 --connections 8 --exports 5 --no-wrk --lists-only]
var options = BenchOptions.Parse(args);
// Issue 34: a lifecycle rule for open registrations, so that the stale filter and the reaper have work; the schedule is
// pushed out of the run, which reaps through POST /admin/clients/reap at its end.
await using var app = await PlatformUnderLoad.StartAsync(new Dictionary<string, string>
{
    ["Lifecycle:Sources:dynamic:NeverUsedFor"] = "30.00:00:00",
    ["Lifecycle:Sources:dynamic:InactiveFor"] = "365.00:00:00",
    ["Lifecycle:ReapInterval"] = "1.00:00:00",
});
Console.WriteLine(await MachineCosts.DescribeAsync("before"));
Console.WriteLine($"admin benchmark · {Environment.ProcessorCount} cores · {options.Clients:N0} clients · " +
                  $"{options.Connections} connections · {options.Seconds} s each · whole platform on this machine");
var (sampleId, load, analyze) = await ClientSeeder.SeedAsync(app.ConnectionString(ResourceNames.ClientsDb), options.Clients);
Console.WriteLine($"loaded by binary COPY in {load.TotalSeconds:0.0} s (trigram indexes kept up meanwhile), VACUUM ANALYZE until all-visible {analyze.TotalSeconds:0.0} s");

var admin = new AdminCalls(app.Gateway.BaseAddress!, app.AdminSecret);
var scenarios = await ListScenarios.BuildAsync(admin, sampleId);

// wrk drives the list when installed (bench/run.sh installs it), as it drives bench/sidebyside.sh: on two cores
// the load generator's own CPU is taken from the platform measured. Without wrk, the in-process client does it.
var useWrk = Wrk.IsInstalled && !options.NoWrk;
var wrk = new Wrk(TimeSpan.FromSeconds(options.Seconds), options.Connections);
var loadRunner = new LoadRunner(TimeSpan.FromSeconds(options.Seconds), options.Connections);
var authorization = $"Bearer {app.AdminSecret}";
Task<double> Load(LoadRunner runner, Wrk? withWrk, string name, string path, bool print = true) => withWrk is null
    ? runner.RunAsync(name, _ => admin.GetAsync(path), print)
    : withWrk.RunAsync(name, new Uri(app.Gateway.BaseAddress!, path), authorization, print);
var cpu = new CpuUsage(app);
async Task MeasuredAsync(string name, string path, bool withWrk)
{
    var before = cpu.Snapshot();
    var rate = await Load(loadRunner, withWrk ? wrk : null, name, path);
    Console.WriteLine($"    CPU per request: {CpuUsage.PerRequest(before, cpu.Snapshot(), rate * options.Seconds)}");
}

Console.WriteLine($"load generator: {(useWrk ? $"wrk -t2 -c{options.Connections}" : $"in-process HttpClient, {options.Connections} connections")}" +
                  " (\"benchmark\" below is its CPU)");
Console.WriteLine($"{"scenario",-34} {"requests/s",11} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
var warmUp = new LoadRunner(TimeSpan.FromSeconds(5), options.Connections);
var warmUpWrk = new Wrk(TimeSpan.FromSeconds(5), options.Connections);
await WarmUp.RunAsync(async () =>
{
    var firstRate = 0.0;
    foreach (var (_, path) in scenarios)
    {
        var rate = await Load(warmUp, useWrk ? warmUpWrk : null, "warm-up", path, print: false);
        if (path == scenarios[0].Path)
            firstRate = rate;
    }
    return firstRate;
});
foreach (var (name, path) in scenarios)
    await MeasuredAsync(name, path, useWrk);
if (useWrk)
    await MeasuredAsync($"{scenarios[0].Name}, in-process client", scenarios[0].Path, withWrk: false);

if (options.ListsOnly)
{
    Console.WriteLine(await MachineCosts.DescribeAsync("after"));
    return;
}
await ReapBenchmark.RunAsync(admin, loadRunner, scenarios[0].Path);

var adminPid = app.Replicas(ResourceNames.AdminApi).First().Pid ?? throw new UnreachableException("admin-api has no process");
ExportBenchmark.PrintHeader();
var remaining = await admin.TotalAsync("/admin/clients?limit=1"); // what the reaper left
foreach (var format in new[] { "csv", "json" })
    await ExportBenchmark.RunAsync(admin, adminPid, format, options.Exports, remaining);
Console.WriteLine(await MachineCosts.DescribeAsync("after"));
