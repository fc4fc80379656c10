using ClientPlatform.AppHost;
using ClientPlatform.Bench;
using ClientPlatform.Bench.Registration;
using ClientPlatform.Hosting.Testing;
using ClientPlatform.ServiceDefaults;

// Usage: dotnet run -c Release --project bench/RegistrationBench [-- --seconds 10 --connections 32]
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(10);
var connections = args.SkipWhile(a => a != "--connections").Skip(1).Select(int.Parse).FirstOrDefault(32);

// The rate limits stay on (their Redis round trip is part of every request) but far above the offered load.
await using var app = DistributedApplicationTestingBuilder.Create(ClientPlatformModel.Compose, new Dictionary<string, string?>
{
    ["AppHost:ServiceEnvironment:RateLimits:Policies:register:PermitLimit"] = "100000000",
    ["AppHost:ServiceEnvironment:RateLimits:Policies:manage:PermitLimit"] = "100000000",
}).Build();
using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
{
    await app.StartAsync(timeout.Token);
    await app.WaitForAllHealthyAsync(timeout.Token);
}
var gateway = app.GetEndpoint(ResourceNames.Gateway);
var replica = app.GetEndpoint(ResourceNames.RegistrationApi, 0);
var bcrypt = BcryptCost.Measure(workFactor: 10);
var load = new LoadRunner(TimeSpan.FromSeconds(seconds), connections);

Console.WriteLine($"registration benchmark · {Environment.ProcessorCount} cores · {connections} connections · {seconds} s each · " +
                  $"BCrypt work factor 10: {bcrypt.TotalMilliseconds:0.0} ms per hash → at most {Environment.ProcessorCount / bcrypt.TotalSeconds:0} registrations/s");
Console.WriteLine($"{"scenario",-34} {"requests/s",11} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
var clients = await Scenarios.RegisterClientsAsync(gateway, 200);
await load.RunAsync("warm-up", _ => Scenarios.ReadAsync(gateway, clients), print: false);
await load.RunAsync("GET /register/{id} via gateway", _ => Scenarios.ReadAsync(gateway, clients));
await load.RunAsync("GET /register/{id} direct, 1 replica", _ => Scenarios.ReadAsync(replica, clients));
var registrations = await load.RunAsync("POST /register via gateway", _ => Scenarios.RegisterAsync(gateway));
Console.WriteLine($"POST /register reaches {registrations / (Environment.ProcessorCount / bcrypt.TotalSeconds):P0} of the rate BCrypt allows on these cores");
