using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.AppHost;

/// <summary>
/// The broker as each service connects to it (design.md §3): a user per service, the APIs allowed only to publish to
/// the audit exchange, the worker only to consume its queue; neither may declare, bind or delete anything. The broker
/// the AppHost runs loads them at boot, with the audit topology they are allowed on, from a definitions file written
/// here (RabbitMQ's own way of setting a broker up), by the Debian package's server or Aspire's container alike; the
/// administrator (guest) stays the AppHost's and the tests'. An existing broker named by ConnectionStrings__messaging is
/// used as it is given.
/// </summary>
public sealed class BrokerUsers
{
    private sealed record User(string Name, string Configure, string Write, string Read);

    private static readonly User[] Services =
    [
        new(ResourceNames.RegistrationApi, "^$", $"^{Escape(BrokerNames.AuditExchange)}$", "^$"),
        new(ResourceNames.AdminApi, "^$", $"^{Escape(BrokerNames.AuditExchange)}$", "^$"),
        new(ResourceNames.AuditWorker, "^$", "^$", $"^{Escape(BrokerNames.AuditQueue)}$"),
    ];

    /// <summary>Where the definitions and the setting that loads them go in a RabbitMQ container (official image or ours).</summary>
    private const string ContainerDefinitions = "/etc/rabbitmq/clientplatform-definitions.json";
    private const string ContainerSetting = "/etc/rabbitmq/conf.d/20-clientplatform.conf";

    private readonly EndpointReference? _endpoint;
    private readonly IResourceBuilder<IResourceWithConnectionString> _broker;
    private readonly Dictionary<string, IResourceBuilder<ParameterResource>> _passwords = [];

    public BrokerUsers(IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> broker, StateFolder state)
    {
        _broker = broker;
        var (administrator, endpoint) = broker.Resource switch
        {
            RabbitMQExecutableResource executable => (RabbitMQExecutableResource.UserName, executable.Endpoint),
            // Aspire's container: its default user is guest unless a user name parameter was given (none is here).
            RabbitMQServerResource server => (server.UserNameParameter is null ? "guest" : null, server.PrimaryEndpoint),
            _ => (null, null),
        };
        if (administrator is null || endpoint is null)
            return; // an existing broker named by ConnectionStrings__messaging: used as it is given
        _endpoint = endpoint;
        foreach (var user in Services)
            _passwords[user.Name] = builder.AddParameter($"{ResourceNames.Messaging}-{user.Name}-password",
                () => state.Secret($"{ResourceNames.Messaging}-{user.Name}"), secret: true);
        var definitions = Definitions(administrator, state.Secret(ResourceNames.Messaging),
            Services.Select(u => (u, state.Secret($"{ResourceNames.Messaging}-{u.Name}"))));
        var file = Path.Combine(state.For(broker.Resource.Name), RabbitMQExecutableResource.DefinitionsFile);
        File.WriteAllText(file, definitions.ToJsonString());
        if (broker.Resource is not RabbitMQServerResource)
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return;
        }
        // In a container the broker runs as its own user, which must read the file through the bind mount: readable by
        // all, in the broker's folder of the state folder (salted password hashes only, never the passwords).
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var setting = Path.Combine(state.For(broker.Resource.Name), "20-clientplatform.conf");
        File.WriteAllText(setting, $"load_definitions = {ContainerDefinitions}\n");
        var container = (IResourceBuilder<RabbitMQServerResource>)broker;
        container.WithBindMount(file, ContainerDefinitions, isReadOnly: true).WithBindMount(setting, ContainerSetting, isReadOnly: true);
    }

    /// <summary>The service's own user on the AppHost's broker; else the broker's connection string as it is.</summary>
    public IResourceBuilder<ProjectResource> As(IResourceBuilder<ProjectResource> service, string user)
    {
        if (_endpoint is null || !_passwords.TryGetValue(user, out var password))
            return service.WithReference(_broker);
        return service.WithEnvironment($"ConnectionStrings__{ResourceNames.Messaging}", ReferenceExpression.Create(
            $"amqp://{user}:{password.Resource}@{_endpoint.Property(EndpointProperty.IPV4Host)}:{_endpoint.Property(EndpointProperty.Port)}"));
    }

    /// <summary>RabbitMQ's definitions: users (password hashes, never the passwords), permissions and the audit topology.</summary>
    private static JsonObject Definitions(string administrator, string administratorPassword, IEnumerable<(User User, string Password)> services)
    {
        JsonObject UserOf(string name, string password, bool admin) => new()
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
        JsonObject Queue(string name, JsonObject arguments) => new()
        {
            ["name"] = name, ["vhost"] = "/", ["durable"] = true, ["auto_delete"] = false, ["arguments"] = arguments,
        };
        JsonObject Binding(string source, string queue, string key) => new()
        {
            ["source"] = source, ["vhost"] = "/", ["destination"] = queue, ["destination_type"] = "queue", ["routing_key"] = key, ["arguments"] = new JsonObject(),
        };
        var list = services.ToList();
        return new JsonObject
        {
            ["users"] = new JsonArray([UserOf(administrator, administratorPassword, admin: true), .. list.Select(s => (JsonNode)UserOf(s.User.Name, s.Password, admin: false))]),
            ["vhosts"] = new JsonArray(new JsonObject { ["name"] = "/" }),
            ["permissions"] = new JsonArray([Permission(administrator, ".*", ".*", ".*"),
                .. list.Select(s => (JsonNode)Permission(s.User.Name, s.User.Configure, s.User.Write, s.User.Read))]),
            // The same topology the services declare on a broker set up without it (Clients.Core AuditTopology).
            ["exchanges"] = new JsonArray(Exchange(BrokerNames.AuditExchange, "direct"), Exchange(BrokerNames.AuditDeadLetterExchange, "fanout")),
            ["queues"] = new JsonArray(
                Queue(BrokerNames.AuditQueue, new JsonObject { ["x-dead-letter-exchange"] = BrokerNames.AuditDeadLetterExchange }),
                Queue(BrokerNames.AuditDeadLetterQueue, new JsonObject())),
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
