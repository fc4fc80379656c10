using System.Text;
using RabbitMQ.Client;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>How an audit event travels to the worker, whoever sends it (the outbox relay or the detached publisher).</summary>
internal static class AuditMessages
{
    /// <summary>Publishes one event; with confirms on, the task ends when the broker confirms it (a nack or a return throws).</summary>
    public static ValueTask PublishAsync(IChannel channel, Guid eventId, string action, string payload, DateTimeOffset now, CancellationToken cancellationToken) =>
        channel.BasicPublishAsync(
            AuditTopology.Exchange, AuditTopology.RoutingKey, mandatory: true,
            new BasicProperties
            {
                MessageId = eventId.ToString("D"), // the worker is idempotent on it
                Type = action,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(now.ToUnixTimeSeconds()),
            },
            Encoding.UTF8.GetBytes(payload), cancellationToken);
}
