using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// One log line when a health check changes, instead of the health check service's line at every evaluation: that
/// logged each failing or degraded check at Error or Warning on every probe (the gateway's every second, the AppHost's
/// every 250 ms while a resource starts), so a normal start put Error lines in the dashboard while a replica waited
/// for its schema check, and a Redis outage a Warning per probe. Here a check that was healthy and is no longer logs
/// one Warning, and one Information when it is back; before a check has first passed, the service is starting, and
/// what it waits for is said once, as Information (the dashboard shows the resource starting meanwhile).
/// </summary>
public sealed class HealthTransitions(ILogger<HealthTransitions> logger)
{
    /// <summary>The category whose per-evaluation lines this replaces (AddServiceDefaults turns it off).</summary>
    public const string ReplacedCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private readonly ConcurrentDictionary<string, State> _states = new();

    public void Observe(string check, HealthCheckResult result)
    {
        var status = result.Status;
        var before = _states.GetOrAdd(check, _ => new State(null, false));
        if (before.Status == status)
            return;
        var after = new State(status, before.PassedOnce || status == HealthStatus.Healthy);
        if (!_states.TryUpdate(check, after, before))
            return; // a concurrent evaluation of the same check reported the same change
        if (status == HealthStatus.Healthy)
        {
            if (before.PassedOnce)
                Log.HealthRegained(logger, check);
        }
        else if (before.PassedOnce)
            Log.HealthLost(logger, check, status, result.Description, result.Exception);
        else if (before.Status is null)
            Log.HealthStarting(logger, check, status, result.Description, result.Exception);
    }

    private sealed record State(HealthStatus? Status, bool PassedOnce);
}
