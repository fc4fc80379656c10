using ClientPlatform.Bench;
using ClientPlatform.Bench.Registration;
using ClientPlatform.ServiceDefaults;

// Usage: dotnet run -c Release --project bench/RegistrationBench [-- --seconds 10 --connections 32]
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(10);
var connections = args.SkipWhile(a => a != "--connections").Skip(1).Select(int.Parse).FirstOrDefault(32);

await using var app = await PlatformUnderLoad.StartAsync();
var gateway = app.Gateway.BaseAddress!;
var replica = app.ReplicaClient(ResourceNames.RegistrationApi, 0).BaseAddress!;
var bcrypt = BcryptCost.Measure(workFactor: 10);
var bcryptParallel = BcryptCost.MeasureParallelRate(workFactor: 10);
var load = new LoadRunner(TimeSpan.FromSeconds(seconds), connections);

Console.WriteLine($"registration benchmark · {Environment.ProcessorCount} cores · {connections} connections · {seconds} s each · " +
                  $"BCrypt work factor 10: {bcrypt.TotalMilliseconds:0.0} ms per hash → at most {Environment.ProcessorCount / bcrypt.TotalSeconds:0} registrations/s");
Console.WriteLine($"{"scenario",-34} {"requests/s",11} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
var clients = await Scenarios.RegisterClientsAsync(gateway, 200);
await load.RunAsync("warm-up", _ => Scenarios.ReadAsync(gateway, clients), print: false);
var cpu = new CpuUsage(app);
async Task<double> MeasuredAsync(string name, Func<int, Task<bool>> request)
{
    var before = cpu.Snapshot();
    var rate = await load.RunAsync(name, request);
    Console.WriteLine($"    CPU per request: {CpuUsage.PerRequest(before, cpu.Snapshot(), rate * seconds)}");
    return rate;
}

var viaGateway = await MeasuredAsync("GET /register/{id} via gateway", _ => Scenarios.ReadAsync(gateway, clients));
var direct = await MeasuredAsync("GET /register/{id} direct, 1 replica", _ => Scenarios.ReadAsync(replica, clients));
var replicas = app.Replicas(ResourceNames.RegistrationApi).Select((_, i) => app.ReplicaClient(ResourceNames.RegistrationApi, i).BaseAddress!).ToArray();
await MeasuredAsync($"GET direct, {replicas.Length} replicas in turn", worker => Scenarios.ReadAsync(replicas[worker % replicas.Length], clients));
Console.WriteLine($"reads through the gateway reach {viaGateway / direct:P0} of the direct rate to one replica");
var registrations = await MeasuredAsync("POST /register via gateway", _ => Scenarios.RegisterAsync(gateway));
Console.WriteLine($"POST /register reaches {registrations / (Environment.ProcessorCount / bcrypt.TotalSeconds):P0} of cores ÷ time per hash " +
                  $"({Environment.ProcessorCount / bcrypt.TotalSeconds:0.0}/s), and {registrations / bcryptParallel:P0} of the {bcryptParallel:0.0} hashes/s " +
                  "measured with every core hashing at once");
