using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace ClientPlatform.Clients.Infrastructure.Connections;

/// <summary>
/// Aspire's <see cref="IConnection"/> (made with its retries on first use, kept by the client's automatic
/// recovery), taken off the caller's thread: making it blocks while the broker is starting or away, and none
/// of the services may wait for the broker to start (audit events wait in the outbox, design.md §4).
/// It also ends the connection when the process stops, within <see cref="CloseTimeout"/>.
/// </summary>
public sealed class BrokerConnection(IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>
    /// How long a stopping process waits for the broker to acknowledge a close (AMQP 0-9-1 <c>close-ok</c>). The client
    /// library waits 5 s for a connection and 20 s for each channel; a broker that is frozen or stopping at the same
    /// moment (DCP and Kubernetes stop everything together) answered neither, and a stop then took 6 to 45 s. Nothing
    /// waits on the answer: unacknowledged deliveries are redelivered and unconfirmed publishes stay in the outbox.
    /// </summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

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

    /// <summary>Closes a channel and disposes it, waiting at most <see cref="CloseTimeout"/> for the broker.</summary>
    public static async Task CloseAsync(IChannel channel)
    {
        if (channel.IsOpen)
        {
            using var patience = new CancellationTokenSource(CloseTimeout);
            try
            {
                await channel.CloseAsync(Constants.ReplySuccess, "stopping", abort: true, patience.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException)
            {
                // the broker did not answer in time, or is gone: the channel ends with the connection
            }
        }
        if (!channel.IsOpen)
            await channel.DisposeAsync();
    }

    /// <summary>
    /// After every hosted service has stopped (the relay and the publishers have had their last word), before the
    /// container disposes the connection and would wait 5 s for a broker that may be stopping too.
    /// </summary>
    async Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken)
    {
        Task<IConnection>? connecting;
        lock (_gate)
            connecting = _connecting;
        if (connecting is { IsCompletedSuccessfully: true, Result: { IsOpen: true } connection })
            await connection.AbortAsync(CloseTimeout);
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
