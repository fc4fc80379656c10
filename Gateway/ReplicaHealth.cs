using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace ClientPlatform.Gateway;

/// <summary>
/// Which replicas get requests. A replica leaves the rotation at the first request it could not take (a refused or
/// reset connection: the process is gone), without waiting for its probe to fail twice, and comes back as soon as
/// its probe passes, without waiting out a fixed reactivation period. YARP's own policies do one or the other.
/// Each move out of or back into the rotation is logged once (YARP's own Warning, with a stack trace at every failed
/// probe, is turned off: <see cref="QuietProbeFailures"/>).
/// </summary>
/// <remarks>
/// When every replica of a service is out (probes that failed for a moment, say while the machine was saturated),
/// each is tried anyway (YARP's HealthyOrPanic): a request that fails costs no more than a 503 from here.
/// </remarks>
internal static class ReplicaHealth
{
    public const string PassivePolicy = "TakeOutOnTransportFailure";
    public const string ActivePolicy = "ProbeDecides";

    /// <summary>Probes in a row that must fail before a replica that answers requests is taken out.</summary>
    public const int ProbeFailuresToTakeOut = 2;

    /// <summary>
    /// How long a replica taken out by a failed request stays out unless its probe passes first. Short: a replica that
    /// was restarted then gets traffic even before the probe's next round, and one still dead costs one refused connection
    /// per period, which goes to another replica at once (RetryOnDeadReplica).
    /// </summary>
    public static readonly TimeSpan TakenOutAtMost = TimeSpan.FromSeconds(5);

    /// <summary>Neither its probe nor a failed request has taken it out.</summary>
    public static bool InRotation(DestinationState destination) =>
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;

    /// <summary>YARP's category that logs every failed probe as a Warning with its exception: once a second per dead replica.</summary>
    private const string ProbeMonitorCategory = "Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor";

    /// <summary>Only the monitor's errors are kept; a replica's state changes are this class's to say.</summary>
    public static ILoggingBuilder QuietProbeFailures(this ILoggingBuilder logging) => logging.AddFilter(ProbeMonitorCategory, LogLevel.Error);

    public static IReverseProxyBuilder AddReplicaHealth(this IReverseProxyBuilder proxy)
    {
        proxy.Services.AddSingleton<RotationLog>();
        proxy.Services.AddSingleton<IPassiveHealthCheckPolicy, TakeOutOnTransportFailure>();
        proxy.Services.AddSingleton<IActiveHealthCheckPolicy, ProbeDecides>();
        return proxy;
    }

    private sealed class TakeOutOnTransportFailure(IDestinationHealthUpdater health, RotationLog log) : IPassiveHealthCheckPolicy
    {
        public string Name => PassivePolicy;

        public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
        {
            // ForwarderError.Request: no connection, or it broke before an answer's headers. A slow or failing answer
            // is the active probe's to judge, not this.
            if (context.GetForwarderErrorFeature() is { Error: ForwarderError.Request } error && !context.RequestAborted.IsCancellationRequested)
            {
                log.Out(cluster, destination, error.Exception?.Message ?? "a request could not reach it");
                health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, TakenOutAtMost);
            }
        }
    }

    private sealed class ProbeDecides(IDestinationHealthUpdater health, RotationLog log) : IActiveHealthCheckPolicy
    {
        private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failures = new();

        public string Name => ActivePolicy;

        public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
        {
            var states = new List<NewActiveDestinationHealth>(probingResults.Count);
            foreach (var result in probingResults)
            {
                var failures = _failures.GetOrCreateValue(result.Destination);
                var passed = result.Response is { IsSuccessStatusCode: true };
                failures.Value = passed ? 0 : failures.Value + 1;
                var state = passed ? DestinationHealth.Healthy
                    : failures.Value >= ProbeFailuresToTakeOut ? DestinationHealth.Unhealthy
                    : result.Destination.Health.Active;
                states.Add(new NewActiveDestinationHealth(result.Destination, state));
                if (state == DestinationHealth.Unhealthy)
                    log.Out(cluster, result.Destination, result.Exception?.Message ?? $"its /health answered {(int?)result.Response?.StatusCode}");
                else if (passed)
                    log.Back(cluster, result.Destination);
                if (passed && result.Destination.Health.Passive == DestinationHealth.Unhealthy)
                    health.SetPassive(cluster, result.Destination, DestinationHealth.Healthy, TimeSpan.Zero);
            }
            health.SetActive(cluster, states);
        }
    }

    /// <summary>Whether each replica was last said to be out, so that a move is logged once, whichever policy saw it.</summary>
    private sealed class RotationLog(ILogger<RotationLog> logger)
    {
        private readonly ConditionalWeakTable<DestinationState, StrongBox<bool>> _out = new();

        public void Out(ClusterState cluster, DestinationState destination, string reason)
        {
            var said = _out.GetOrCreateValue(destination);
            if (!Interlocked.Exchange(ref said.Value, true))
                Log.ReplicaOut(logger, destination.DestinationId, cluster.ClusterId, reason);
        }

        public void Back(ClusterState cluster, DestinationState destination)
        {
            if (_out.TryGetValue(destination, out var said) && Interlocked.Exchange(ref said.Value, false))
                Log.ReplicaBack(logger, destination.DestinationId, cluster.ClusterId);
        }
    }
}
