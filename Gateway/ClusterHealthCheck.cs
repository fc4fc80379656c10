using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace ClientPlatform.Gateway;

/// <summary>
/// The gateway is ready only when every cluster has a replica in rotation. (Not the available destinations: when none
/// is in rotation, YARP offers them all, ReplicaHealth.)
/// </summary>
internal sealed class ClusterHealthCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var empty = ProxyConfiguration.ClusterIds
            .Where(id => !proxy.TryGetCluster(id, out var cluster) || !cluster.Destinations.Values.Any(ReplicaHealth.InRotation))
            .ToList();
        return Task.FromResult(empty.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"no healthy destination in: {string.Join(", ", empty)}"));
    }

}
