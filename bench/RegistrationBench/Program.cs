using ClientPlatform.Bench;
using ClientPlatform.Bench.Registration;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;

// Usage: dotnet run -c Release --project bench/RegistrationBench [-- --seconds 10 --connections 32 --no-wrk]
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(10);
var connections = args.SkipWhile(a => a != "--connections").Skip(1).Select(int.Parse).FirstOrDefault(32);
// wrk drives the load when installed (bench/run.sh installs it), as in bench/sidebyside.sh and AdminBench: on two
// cores an in-process HttpClient takes a good part of them from the platform measured.
var useWrk = Wrk.IsInstalled && !args.Contains("--no-wrk");

// Issue 35: Client ID Metadata Documents resolved, from an https host in this process (its own CA, on loopback), so that a
// warm resolution is measured beside the read it should match.
await using var app = await PlatformUnderLoad.StartAsync(new Dictionary<string, string>
{
    ["MetadataDocuments:Enabled"] = "true",
    ["MetadataDocuments:ExtraCaBundle"] = TestDocumentServer.CertificateFile,
    ["MetadataDocuments:AllowedPrivateAddresses:0"] = "127.0.0.1",
});
var gateway = app.Gateway.BaseAddress!;
var replica = app.ReplicaClient(ResourceNames.RegistrationApi, 0).BaseAddress!;
var bcrypt = BcryptCost.Measure(workFactor: 10);
var bcryptParallel = BcryptCost.MeasureParallelRate(workFactor: 10);
var load = new LoadRunner(TimeSpan.FromSeconds(seconds), connections);
var wrk = new Wrk(TimeSpan.FromSeconds(seconds), connections);

Console.WriteLine(await MachineCosts.DescribeAsync("before"));
Console.WriteLine($"registration benchmark · {Environment.ProcessorCount} cores · {connections} connections · {seconds} s each · " +
                  $"BCrypt work factor 10: {bcrypt.TotalMilliseconds:0.0} ms per hash → at most {Environment.ProcessorCount / bcrypt.TotalSeconds:0} registrations/s");
Console.WriteLine($"load generator: {(useWrk ? $"wrk -t2 -c{connections}" : $"in-process HttpClient, {connections} connections")}" +
                  " (\"benchmark\" below is its CPU)");
Console.WriteLine($"{"scenario",-34} {"requests/s",11} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
var clients = await Scenarios.RegisterClientsAsync(gateway, 200);
var readScript = Scenarios.ReadScript(clients);
var document = TestDocumentServer.ServeAt(url => $$"""{"client_id":"{{url}}","client_name":"Bench agent","redirect_uris":["https://agent.example.com/cb"]}""",
    cacheControl: "max-age=3600");
var resolve = new Uri(gateway, $"/admin/clients/resolve?client_id={Uri.EscapeDataString(document)}");
var adminAuthorization = $"Bearer {app.AdminSecret}";
using (var first = new HttpRequestMessage(HttpMethod.Get, resolve))
{
    first.Headers.TryAddWithoutValidation("Authorization", adminAuthorization);
    using var http = new HttpClient();
    (await http.SendAsync(first)).EnsureSuccessStatusCode();
}
Task<double> Resolutions(string name, LoadRunner runner, Wrk wrkRunner, bool print = true) => useWrk
    ? wrkRunner.RunAsync(name, resolve, adminAuthorization, print)
    : runner.RunAsync(name, _ => Scenarios.GetAsync(resolve, adminAuthorization), print);
Task<double> Reads(Uri target, string name, bool withWrk, LoadRunner runner, Wrk wrkRunner, bool print = true) => withWrk
    ? wrkRunner.RunScriptAsync(name, target, readScript, print)
    : runner.RunAsync(name, _ => Scenarios.ReadAsync(target, clients), print);

var (warmUp, warmUpWrk) = (new LoadRunner(TimeSpan.FromSeconds(5), connections), new Wrk(TimeSpan.FromSeconds(5), connections));
await WarmUp.RunAsync(async () =>
{
    var rate = await Reads(gateway, "warm-up", useWrk, warmUp, warmUpWrk, print: false);
    await Reads(replica, "warm-up", useWrk, warmUp, warmUpWrk, print: false);
    await Resolutions("warm-up", warmUp, warmUpWrk, print: false);
    return rate;
});

var cpu = new CpuUsage(app);
async Task<double> MeasuredAsync(Func<Task<double>> run)
{
    var before = cpu.Snapshot();
    var rate = await run();
    Console.WriteLine($"    CPU per request: {CpuUsage.PerRequest(before, cpu.Snapshot(), rate * seconds)}");
    return rate;
}

var viaGateway = await MeasuredAsync(() => Reads(gateway, "GET /register/{id} via gateway", useWrk, load, wrk));
var direct = await MeasuredAsync(() => Reads(replica, "GET /register/{id} direct, 1 replica", useWrk, load, wrk));
Console.WriteLine($"reads through the gateway reach {viaGateway / direct:P0} of the direct rate to one replica");
var resolutions = await MeasuredAsync(() => Resolutions("GET /admin/clients/resolve, warm", load, wrk));
Console.WriteLine($"a warm metadata document resolution reaches {resolutions / viaGateway:P0} of the read's rate through the gateway " +
                  $"(document fetched {TestDocumentServer.Hits(document)} time(s) in the run)");
// One load generator sends to several replicas in turn only from in process (wrk keeps to one host).
var replicas = app.Replicas(ResourceNames.RegistrationApi).Select((_, i) => app.ReplicaClient(ResourceNames.RegistrationApi, i).BaseAddress!).ToArray();
await MeasuredAsync(() => load.RunAsync($"GET direct, {replicas.Length} replicas, in-proc.",
    worker => Scenarios.ReadAsync(replicas[worker % replicas.Length], clients)));
if (useWrk)
    await MeasuredAsync(() => Reads(gateway, "GET via gateway, in-process client", withWrk: false, load, wrk));
var registrations = await MeasuredAsync(() => useWrk
    ? wrk.RunScriptAsync("POST /register via gateway", new Uri(gateway, "/register"), Scenarios.RegisterScript)
    : load.RunAsync("POST /register via gateway", _ => Scenarios.RegisterAsync(gateway)));
Console.WriteLine($"POST /register reaches {registrations / (Environment.ProcessorCount / bcrypt.TotalSeconds):P0} of cores ÷ time per hash " +
                  $"({Environment.ProcessorCount / bcrypt.TotalSeconds:0.0}/s), and {registrations / bcryptParallel:P0} of the {bcryptParallel:0.0} hashes/s " +
                  "measured with every core hashing at once");
Console.WriteLine(await MachineCosts.DescribeAsync("after"));
