using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientPlatform.ServiceDefaults;

/// <summary>The broker answers: the connection is open and a channel opens and closes on it.</summary>
internal sealed class RabbitMQHealthCheck(RabbitMQConnectionProvider connections) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var connection = await connections.GetAsync(timeout.Token);
            if (!connection.IsOpen)
                return new HealthCheckResult(context.Registration.FailureStatus, "the connection to the broker is closed (recovering)");
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the broker does not answer ({e.GetType().Name})");
        }
    }
}
