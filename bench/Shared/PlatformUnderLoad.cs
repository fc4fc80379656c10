using ClientPlatform.AppHost;
using ClientPlatform.Clients.Core.RateLimiting;
using ClientPlatform.Hosting;
using ClientPlatform.Hosting.Testing;

namespace ClientPlatform.Bench;

/// <summary>The whole platform as the testing host runs it (3 registration replicas, 1 admin), started for a benchmark.</summary>
internal static class PlatformUnderLoad
{
    /// <summary>
    /// Rate limits stay on — their Redis round trip is part of every request measured — but far above the
    /// offered load, so that what is measured is the work, not the refusals.
    /// </summary>
    public static async Task<DistributedApplication> StartAsync()
    {
        var settings = RateLimitPolicies.Defaults.Keys.ToDictionary(
            policy => AppHostConfiguration.ServiceSetting($"RateLimits:Policies:{policy}:PermitLimit"), _ => (string?)"1000000000");
        // Experiments: BENCH_SERVICE_SETTINGS="DOTNET_gcServer=0;Cache:Enabled=false" hands settings to the services.
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVICE_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            settings[AppHostConfiguration.ServiceSetting(pair.Split('=')[0])] = pair[(pair.IndexOf('=') + 1)..];
        var app = DistributedApplicationTestingBuilder.Create(ClientPlatformModel.Compose, settings).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        await app.WaitForAllHealthyAsync(timeout.Token);
        return app;
    }
}
