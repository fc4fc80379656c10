using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// One connection per process, made on first need. Once made, the client's automatic recovery keeps it
/// (and its channels and consumers) alive across broker restarts.
/// </summary>
public sealed class RabbitMQConnectionProvider(IConnectionFactory factory) : IAsyncDisposable
{
    // Aspire's retry: exponential from 1 s, five tries, on the broker not answering yet.
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<BrokerUnreachableException>().Handle<System.Net.Sockets.SocketException>(),
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromSeconds(1),
            MaxRetryAttempts = 5,
        })
        .Build();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    /// <summary>The connection, made now if needed (one try): throws when the broker is away.</summary>
    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
            return existing;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await factory.CreateConnectionAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IConnection> GetWithRetryAsync(CancellationToken cancellationToken) =>
        await Retry.ExecuteAsync(async token => await GetAsync(token), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
