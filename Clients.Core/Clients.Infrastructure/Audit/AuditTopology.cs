using ClientPlatform.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>
/// The broker's side of the audit pipeline. Where the broker is set up with it (the AppHost's broker loads it with
/// its users: each service may only publish to the exchange, or only consume the queue), the services only check it
/// is there, which needs no permission; on a broker without it, whoever connects first declares it, identically (so
/// idempotently): a message is never published to an exchange with no queue behind it.
/// </summary>
public static class AuditTopology
{
    public const string Exchange = BrokerNames.AuditExchange;
    public const string Queue = BrokerNames.AuditQueue;
    public const string DeadLetterExchange = BrokerNames.AuditDeadLetterExchange;
    public const string DeadLetterQueue = BrokerNames.AuditDeadLetterQueue;
    public const string RoutingKey = BrokerNames.AuditRoutingKey;

    /// <summary>
    /// A channel on which the topology exists: checked passively (AMQP 0-9-1 needs no permission for that), and
    /// declared only when missing — by a user allowed to, or the failure says the broker was not set up.
    /// </summary>
    public static async Task<IChannel> OpenChannelAsync(IConnection connection, CreateChannelOptions? options, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(options, cancellationToken);
        try
        {
            await channel.ExchangeDeclarePassiveAsync(Exchange, cancellationToken);
            await channel.QueueDeclarePassiveAsync(Queue, cancellationToken);
            return channel;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            await channel.DisposeAsync(); // the broker closes a channel whose passive declare found nothing
        }
        channel = await connection.CreateChannelAsync(options, cancellationToken);
        try
        {
            await DeclareAsync(channel, cancellationToken);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    private const ushort NotFound = 404;

    /// <summary>The message type of a batch: a JSON array of events in one message (the detached publisher's).</summary>
    public const string BatchType = "audit_batch";

    /// <summary>The queue's arguments as they are declared everywhere (<see cref="BrokerDefinitions"/>: a quorum queue).</summary>
    private static Dictionary<string, object?> Arguments(IReadOnlyDictionary<string, string> arguments) =>
        arguments.ToDictionary(a => a.Key, a => (object?)a.Value);

    private static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: Arguments(BrokerDefinitions.DeadLetterQueueArguments), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(DeadLetterQueue, DeadLetterExchange, "", cancellationToken: cancellationToken);

        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: Arguments(BrokerDefinitions.AuditQueueArguments), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(Queue, Exchange, RoutingKey, cancellationToken: cancellationToken);
    }
}
