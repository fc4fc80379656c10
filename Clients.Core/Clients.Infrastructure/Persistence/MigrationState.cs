using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientPlatform.Clients.Infrastructure.Persistence;

/// <summary>Whether this process has seen the database schema brought up to date.</summary>
internal sealed class MigrationState : IHealthCheck
{
    private volatile bool _complete;

    public void Complete() => _complete = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_complete
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the database schema is not up to date yet"));
}
