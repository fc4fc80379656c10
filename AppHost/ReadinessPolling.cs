using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientPlatform.AppHost;

/// <summary>
/// Aspire checks a starting resource's health with a growing pause between tries (1 s, 2 s, … up to 5 s), so a
/// resource that is ready just after a try is seen up to 5 s late — and everything that waits for it starts that
/// late too. On the cold start's path (servers, then the APIs, then the gateway) that came to about 15 s of
/// 36 s. Here each check tries again every <see cref="Interval"/> for up to <see cref="Patience"/> before it reports
/// a failure, so readiness is seen within a quarter of a second; a healthy resource answers the first try.
/// </summary>
internal static class ReadinessPolling
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static IDistributedApplicationBuilder WithReadinessPolling(this IDistributedApplicationBuilder builder)
    {
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var check = registration.Factory;
                registration.Factory = services => new UntilHealthy(check(services));
            }
        });
        return builder;
    }

    private sealed class UntilHealthy(IHealthCheck check) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                HealthCheckResult result;
                try
                {
                    result = await check.CheckHealthAsync(context, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    result = new HealthCheckResult(context.Registration.FailureStatus, e.Message, e);
                }
                if (result.Status == HealthStatus.Healthy || Stopwatch.GetElapsedTime(started) >= Patience)
                    return result;
                await Task.Delay(Interval, cancellationToken);
            }
        }
    }
}
