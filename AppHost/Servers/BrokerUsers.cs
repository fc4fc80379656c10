using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.AppHost;

/// <summary>
/// The broker as each service connects to it: a user per service (<see cref="BrokerDefinitions"/>). The broker the AppHost
/// runs loads them at boot, with the audit topology they are allowed on, from a definitions file written here, by the
/// Debian package's server or Aspire's container alike; the
/// administrator (guest) stays the AppHost's and the tests'. An existing broker named by ConnectionStrings__messaging is
/// used as it is given.
/// </summary>
public sealed class BrokerUsers
{
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
        foreach (var user in BrokerDefinitions.Services)
            _passwords[user.Name] = builder.AddParameter($"{ResourceNames.Messaging}-{user.Name}-password",
                () => state.Secret($"{ResourceNames.Messaging}-{user.Name}"), secret: true);
        var definitions = BrokerDefinitions.Create(administrator, state.Secret(ResourceNames.Messaging),
            name => state.Secret($"{ResourceNames.Messaging}-{name}"));
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
}
