using ClientPlatform.Bench;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing.Fuzzing;
using CsCheck;

// Usage: dotnet run -c Release --project bench/FuzzBench [-- --cases 20000 --seed <seed>]
var cases = args.SkipWhile(a => a != "--cases").Skip(1).Select(int.Parse).FirstOrDefault(20_000);
var seed = args.SkipWhile(a => a != "--seed").Skip(1).FirstOrDefault() ?? PCG.ThreadPCG.ToString();

await using var platform = await PlatformUnderLoad.StartAsync();
var targets = await FuzzTargets.RegisterAsync(platform.Gateway, platform.AdminSecret, CancellationToken.None);
Console.WriteLine($"fuzzing every route through the gateway · {cases} cases · seed {seed}");
try
{
    using var fuzzer = new Fuzzer(platform.Gateway.BaseAddress!, platform.ConnectionString(ResourceNames.ClientsDb), targets);
    var report = await fuzzer.RunAsync(cases, seed, CancellationToken.None);
    Console.WriteLine(report);
    return 0;
}
catch (CsCheckException failure)
{
    // The message starts with the failing case's own seed: --seed <it> --cases 1 sends that request again.
    Console.WriteLine($"FAILED: {failure.Message}");
    return 1;
}
