using System.Buffers;
using System.Text;
using ClientPlatform.Clients.Core.Audit;
using RabbitMQ.Client;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>How an audit event travels to the worker, whoever sends it (the outbox relay or the detached publisher).</summary>
internal static class AuditMessages
{
    /// <summary>
    /// Publishes many events as one message, a JSON array: the broker and the worker handle one message instead
    /// of hundreds, which is most of what a read's audit event costs them. The worker is idempotent per event.
    /// </summary>
    public static ValueTask PublishBatchAsync(IChannel channel, IReadOnlyList<OutboxMessage> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(events.Sum(e => e.Payload.Length + 1) + 2);
        body.Write("["u8);
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
                body.Write(","u8);
            Encoding.UTF8.GetBytes(events[i].Payload, body);
        }
        body.Write("]"u8);
        return Publish(channel, events[0].EventId, AuditTopology.BatchType, body.WrittenMemory, now, cancellationToken);
    }

    /// <summary>Publishes one event; with confirms on, the task ends when the broker confirms it (a nack or a return throws).</summary>
    public static ValueTask PublishAsync(IChannel channel, Guid eventId, string action, string payload, DateTimeOffset now, CancellationToken cancellationToken) =>
        Publish(channel, eventId, action, Encoding.UTF8.GetBytes(payload), now, cancellationToken);

    private static ValueTask Publish(
        IChannel channel, Guid messageId, string type, ReadOnlyMemory<byte> body, DateTimeOffset now, CancellationToken cancellationToken) =>
        channel.BasicPublishAsync(
            AuditTopology.Exchange, AuditTopology.RoutingKey, mandatory: true,
            new BasicProperties
            {
                MessageId = messageId.ToString("D"),
                Type = type,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(now.ToUnixTimeSeconds()),
            },
            body, cancellationToken);
}
