using ClientPlatform.AppHost;
using ClientPlatform.Clients.Core.RateLimiting;
using ClientPlatform.Testing;

namespace ClientPlatform.Bench;

/// <summary>The whole platform as the tests start it (3 registration replicas, 1 admin), started for a benchmark.</summary>
internal static class PlatformUnderLoad
{
    /// <summary>
    /// Rate limits stay on — their Redis round trip is part of every request measured — but far above the
    /// offered load, so that what is measured is the work, not the refusals.
    /// </summary>
    public static async Task<PlatformFixture> StartAsync()
    {
        var settings = RateLimitPolicies.Defaults.Keys.ToDictionary(
            policy => AppHostSettings.ServiceSetting($"RateLimits:Policies:{policy}:PermitLimit"), _ => (string?)"1000000000");
        // Experiments: BENCH_SERVICE_SETTINGS="DOTNET_gcServer=0;Cache:Enabled=false" hands settings to the services.
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVICE_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            settings[AppHostSettings.ServiceSetting(pair.Split('=')[0])] = pair[(pair.IndexOf('=') + 1)..];
        var platform = new BenchPlatformFixture(settings);
        await platform.InitializeAsync();
        return platform;
    }
}

/// <summary>The tests' platform with the benchmark's settings.</summary>
internal sealed class BenchPlatformFixture(IReadOnlyDictionary<string, string?> settings) : PlatformFixture(settings);
