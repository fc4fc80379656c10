using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace ClientPlatform.Clients.Infrastructure.Connections;

/// <summary>
/// Aspire's <see cref="IConnection"/> (made with its retries on first use, kept by the client's automatic
/// recovery), taken off the caller's thread: making it blocks while the broker is starting or away, and none
/// of the services may wait for the broker to start (audit events wait in the outbox, design.md §4).
/// </summary>
public sealed class BrokerConnection(IServiceProvider services)
{
    private readonly Lock _gate = new();
    private Task<IConnection>? _connecting;

    /// <summary>The connection, once made; throws (and the next call tries again) when Aspire's retries ran out.</summary>
    public Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_connecting is null or { IsFaulted: true } or { IsCanceled: true })
                _connecting = Task.Run(services.GetRequiredService<IConnection>, CancellationToken.None);
            return _connecting.WaitAsync(cancellationToken);
        }
    }
}
