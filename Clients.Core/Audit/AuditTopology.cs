using RabbitMQ.Client;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// The broker's side of the audit pipeline, declared identically (so idempotently) by the relay and the
/// worker, whichever starts first: a message is never published to an exchange with no queue behind it.
/// </summary>
public static class AuditTopology
{
    public const string Exchange = "audit.events";
    public const string Queue = "audit.log";
    public const string DeadLetterExchange = "audit.events.dead";
    public const string DeadLetterQueue = "audit.log.dead";
    public const string RoutingKey = "audit";

    /// <summary>The message type of a batch: a JSON array of events in one message (the detached publisher's).</summary>
    public const string BatchType = "audit_batch";

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(DeadLetterQueue, DeadLetterExchange, "", cancellationToken: cancellationToken);

        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-dead-letter-exchange"] = DeadLetterExchange },
            cancellationToken: cancellationToken);
        await channel.QueueBindAsync(Queue, Exchange, RoutingKey, cancellationToken: cancellationToken);
    }
}
