using Aspire.Hosting.Testing;
using ClientPlatform.AppHost;
using ClientPlatform.Clients.Infrastructure.RateLimiting;
using ClientPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ClientPlatform.Bench;

/// <summary>
/// The whole platform as <c>./run.sh</c> starts it — the AppHost's own replica counts (2 registration, 1 admin) and
/// its dashboard receiving every service's logs, traces and metrics — started for a benchmark through the tests'
/// fixture, which gives the benchmark the servers' connection strings and each replica's address (issue 13: the
/// tests' shape, 3 replicas and no telemetry export, had measured a platform users never run).
/// </summary>
internal static class PlatformUnderLoad
{
    /// <summary>
    /// Rate limits stay on — their Redis round trip is part of every request measured — but far above the
    /// offered load, so that what is measured is the work, not the refusals.
    /// </summary>
    /// <param name="serviceSettings">Settings the benchmark gives every service (<c>Lifecycle:…</c>), before BENCH_SERVICE_SETTINGS.</param>
    public static async Task<PlatformFixture> StartAsync(IReadOnlyDictionary<string, string>? serviceSettings = null)
    {
        var settings = RateLimitPolicies.Defaults.Keys.ToDictionary(
            policy => AppHostSettings.ServiceSetting($"RateLimits:Policies:{policy}:PermitLimit"), _ => (string?)"1000000000");
        // No value: the AppHost's default, as ./run.sh has it.
        settings[$"{AppHostSettings.Section}:Replicas:RegistrationApi"] = null;
        settings[$"{AppHostSettings.Section}:Replicas:AdminApi"] = null;
        foreach (var (key, value) in serviceSettings ?? new Dictionary<string, string>())
            settings[AppHostSettings.ServiceSetting(key)] = value;
        // Experiments: BENCH_SERVICE_SETTINGS="DOTNET_gcServer=0;Cache:Enabled=false" hands settings to the services.
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVICE_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            settings[AppHostSettings.ServiceSetting(pair.Split('=')[0])] = pair[(pair.IndexOf('=') + 1)..];
        var platform = new BenchPlatformFixture(settings);
        await platform.InitializeAsync();
        return platform;
    }
}

/// <summary>The tests' fixture with the benchmark's settings and the dashboard on.</summary>
internal sealed class BenchPlatformFixture(IReadOnlyDictionary<string, string?> settings) : PlatformFixture(settings)
{
    protected override bool WithDashboard => true;

    // With the dashboard on, Aspire also copies every resource's console to the host's console: the dashboard shows
    // them, the benchmark's output keeps its figures.
    protected override void Shape(IDistributedApplicationTestingBuilder builder) =>
        builder.Services.AddLogging(logging => logging.AddFilter<ConsoleLoggerProvider>("AppHost.Resources", LogLevel.None));
}
