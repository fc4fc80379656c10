using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// The broker as each service connects to it (design.md §3, issue 31): a user per service, the APIs allowed only to
/// publish to the audit exchange, the worker only to consume its queue; none may declare, bind or delete anything. Written
/// as RabbitMQ's definitions document, which a broker loads at boot (<c>load_definitions</c>) or imports
/// (<c>rabbitmqctl import_definitions</c>), with the audit topology the users are allowed on. One writer for every
/// deployment: the AppHost's broker, and the migrator's <c>broker-definitions</c> command for compose and Kubernetes.
/// It holds salted password hashes only, never a password.
/// </summary>
public static class BrokerDefinitions
{
    /// <summary>What one service's broker user may do, as RabbitMQ's configure, write and read patterns.</summary>
    public sealed record ServiceUser(string Name, string Configure, string Write, string Read);

    public static readonly IReadOnlyList<ServiceUser> Services =
    [
        new(ResourceNames.RegistrationApi, "^$", $"^{Escape(BrokerNames.AuditExchange)}$", "^$"),
        new(ResourceNames.AdminApi, "^$", $"^{Escape(BrokerNames.AuditExchange)}$", "^$"),
        new(ResourceNames.AuditWorker, "^$", "^$", $"^{Escape(BrokerNames.AuditQueue)}$"),
    ];

    /// <summary>
    /// The audit queue's arguments, wherever it is declared (here, and by the services on a broker set up without these
    /// definitions). A quorum queue (RabbitMQ 3.8 and later): its log is written to disk before the broker confirms a
    /// publish, it is the queue type RabbitMQ keeps replicated when the broker is a cluster (classic mirrored queues are
    /// gone in 4.0), and it counts deliveries, so an event that kills the worker each time it is read is set aside
    /// rather than redelivered for ever. What the worker refuses is dead-lettered at least once (3.10 and later), which
    /// needs a full queue to refuse publishes rather than drop its oldest (it has no length limit; said for the broker).
    /// A broker that already has the queue keeps it as it is (definitions and the services never change an existing
    /// queue): deploy/README.md says how to move a classic one.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AuditQueueArguments = new Dictionary<string, string>
    {
        ["x-queue-type"] = "quorum",
        ["x-dead-letter-exchange"] = BrokerNames.AuditDeadLetterExchange,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };

    /// <summary>Where refused events wait for an operator: a quorum queue too, as durable as the one they came from.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeadLetterQueueArguments = new Dictionary<string, string>
    {
        ["x-queue-type"] = "quorum",
    };

    /// <summary>The definitions: the administrator (everything), each service's user, and the audit topology.</summary>
    /// <param name="passwordOf">Each service's password, by its user name.</param>
    public static JsonObject Create(string administrator, string administratorPassword, Func<string, string> passwordOf)
    {
        JsonObject User(string name, string password, bool admin) => new()
        {
            ["name"] = name, ["password_hash"] = PasswordHash(password), ["hashing_algorithm"] = "rabbit_password_hashing_sha256",
            ["tags"] = admin ? new JsonArray("administrator") : new JsonArray(),
        };
        JsonObject Permission(string user, string configure, string write, string read) => new()
        {
            ["user"] = user, ["vhost"] = "/", ["configure"] = configure, ["write"] = write, ["read"] = read,
        };
        JsonObject Exchange(string name, string type) => new()
        {
            ["name"] = name, ["vhost"] = "/", ["type"] = type, ["durable"] = true, ["auto_delete"] = false, ["internal"] = false, ["arguments"] = new JsonObject(),
        };
        JsonObject Queue(string name, IReadOnlyDictionary<string, string> arguments) => new()
        {
            ["name"] = name, ["vhost"] = "/", ["durable"] = true, ["auto_delete"] = false,
            ["arguments"] = new JsonObject(arguments.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
        };
        JsonObject Binding(string source, string queue, string key) => new()
        {
            ["source"] = source, ["vhost"] = "/", ["destination"] = queue, ["destination_type"] = "queue", ["routing_key"] = key, ["arguments"] = new JsonObject(),
        };
        return new JsonObject
        {
            ["users"] = new JsonArray([User(administrator, administratorPassword, admin: true),
                .. Services.Select(s => (JsonNode)User(s.Name, passwordOf(s.Name), admin: false))]),
            ["vhosts"] = new JsonArray(new JsonObject { ["name"] = "/" }),
            ["permissions"] = new JsonArray([Permission(administrator, ".*", ".*", ".*"),
                .. Services.Select(s => (JsonNode)Permission(s.Name, s.Configure, s.Write, s.Read))]),
            // The same topology the services declare on a broker set up without it (Clients.Infrastructure AuditTopology).
            ["exchanges"] = new JsonArray(Exchange(BrokerNames.AuditExchange, "direct"), Exchange(BrokerNames.AuditDeadLetterExchange, "fanout")),
            ["queues"] = new JsonArray(
                Queue(BrokerNames.AuditQueue, AuditQueueArguments),
                Queue(BrokerNames.AuditDeadLetterQueue, DeadLetterQueueArguments)),
            ["bindings"] = new JsonArray(
                Binding(BrokerNames.AuditExchange, BrokerNames.AuditQueue, BrokerNames.AuditRoutingKey),
                Binding(BrokerNames.AuditDeadLetterExchange, BrokerNames.AuditDeadLetterQueue, "")),
        };
    }

    /// <summary>rabbit_password_hashing_sha256: base64(salt ‖ SHA-256(salt ‖ UTF-8 password)), a 4-byte random salt.</summary>
    private static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        return Convert.ToBase64String([.. salt, .. SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)])]);
    }

    private static string Escape(string name) => name.Replace(".", "\\.");
}
