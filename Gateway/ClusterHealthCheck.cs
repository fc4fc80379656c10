using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace ClientPlatform.Gateway;

/// <summary>The gateway is ready only when every cluster has at least one healthy destination.</summary>
internal sealed class ClusterHealthCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var empty = ProxyConfiguration.ClusterIds
            .Where(id => !proxy.TryGetCluster(id, out var cluster) || cluster.DestinationsState.AvailableDestinations.Count == 0)
            .ToList();
        return Task.FromResult(empty.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"no healthy destination in: {string.Join(", ", empty)}"));
    }
}
