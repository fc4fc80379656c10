using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// Every health check answers within its own time limit, whatever it waits on. The health check service only
/// cancels a check's token at its <see cref="HealthCheckRegistration.Timeout"/>; a check that does not watch the
/// token (a Redis PING waits out the client's own timeout, a RabbitMQ channel its continuation timeout of 20 s)
/// held /health past the gateway's probe, and the gateway then took a live replica out of rotation while a
/// dependency the replica does not need to serve was frozen (issue 36). Here a check that has not answered by its
/// limit counts as its failure status, and /health answers within <see cref="HealthBudget.PerCheck"/>.
/// A check left behind must hold nothing the request's scope disposes of: PostgreSQL is checked through the singleton
/// data source, not a pooled DbContext (whose connection, still connecting, refused to be closed: Clients.Infrastructure DataClients).
/// </summary>
internal static class BoundedHealthChecks
{
    public static IServiceCollection BoundEveryHealthCheck(this IServiceCollection services) =>
        services.AddSingleton<HealthTransitions>().PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                if (registration.Timeout <= TimeSpan.Zero || registration.Timeout > HealthBudget.PerCheck)
                    registration.Timeout = HealthBudget.PerCheck;
                var factory = registration.Factory;
                registration.Factory = provider => new Bounded(factory(provider), provider.GetRequiredService<HealthTransitions>());
            }
        });

    private sealed class Bounded(IHealthCheck check, HealthTransitions transitions) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var result = await CheckWithinLimitAsync(context, cancellationToken);
            transitions.Observe(context.Registration.Name, result);
            return result;
        }

        private async Task<HealthCheckResult> CheckWithinLimitAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var limit = context.Registration.Timeout;
            try
            {
                return await check.CheckHealthAsync(context, cancellationToken).WaitAsync(limit);
            }
            catch (Exception e) when (e is TimeoutException || e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // The health check service cancels the token at the same limit: either way, the check did not answer in time.
                return new HealthCheckResult(context.Registration.FailureStatus, $"no answer within {limit.TotalMilliseconds:F0} ms");
            }
            catch (Exception e)
            {
                // What the health check service would have caught and logged at every evaluation: logged here once.
                return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e);
            }
        }
    }
}

/// <summary>How long /health may take: the gateway's and the AppHost's probes wait a little longer than this.</summary>
public static class HealthBudget
{
    /// <summary>The longest any one check may take (they run side by side, so /health takes about as long).</summary>
    public static readonly TimeSpan PerCheck = TimeSpan.FromMilliseconds(800);

    /// <summary>Redis and RabbitMQ only degrade a service (design.md §4): their checks get less.</summary>
    public static readonly TimeSpan Degrading = TimeSpan.FromMilliseconds(500);

    /// <summary>What a probe of /health should allow: the checks' limit and the time to answer.</summary>
    public static readonly TimeSpan Probe = TimeSpan.FromSeconds(2);
}
