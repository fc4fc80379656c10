using Microsoft.Extensions.DependencyInjection;

namespace ClientPlatform.AppHost;

/// <summary>RabbitMQ from the Debian package (<c>Servers/rabbitmq.sh</c>), with Aspire's connection string.</summary>
public sealed class RabbitMQExecutableResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableServerResource(name, "bash", workingDirectory, password)
{
    public const string UserName = "guest";

    /// <summary>The broker's users, permissions and audit topology, loaded at each boot (<see cref="BrokerUsers"/>).</summary>
    public const string DefinitionsFile = "definitions.json";

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password}@{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

public static class RabbitMQServerExtensions
{
    /// <summary>RabbitMQ: Aspire's container resource where a container runtime answers, else the Debian package's server.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQServer(
        this IDistributedApplicationBuilder builder, string name, ServerMode mode, StateFolder state, ServerImages? images = null)
    {
        var password = builder.AddParameter($"{name}-password", () => state.Secret(name), secret: true);
        if (mode == ServerMode.Containers)
        {
            // A volume even for a throwaway run: a container stopped and started again is a new one (queued messages).
            return builder.AddRabbitMQ(name, password: password).WithServerImage(images?.RabbitMQ).WithDataVolume(state.VolumeFor(name));
        }

        Preflight.IsInstalled(Preflight.Server.RabbitMQ);

        var server = new RabbitMQExecutableResource(name, builder.AppHostDirectory, password.Resource);
        var resource = builder.AddResource(server)
            .WithArgs(ServerScripts.Path("rabbitmq.sh"))
            .WithStableEndpoint(ExecutableServerResource.EndpointName)
            // Erlang's distribution and its port mapper, on ports of their own (never 4369: a system epmd may hold it).
            .WithStableEndpoint("distribution")
            .WithStableEndpoint("epmd")
            .WithEnvironment("RABBITMQ_STATE", state.For(name))
            .WithEnvironment("RABBITMQ_PASSWORD", password);
        resource.WithEnvironment("RABBITMQ_PORT", server.Endpoint.Property(EndpointProperty.TargetPort))
            .WithEnvironment("RABBITMQ_DIST_PORT", resource.GetEndpoint("distribution").Property(EndpointProperty.TargetPort))
            .WithEnvironment("RABBITMQ_EPMD_PORT", resource.GetEndpoint("epmd").Property(EndpointProperty.TargetPort));

        return resource.WithServerHealthCheck(ServerHealthChecks.RabbitMQ);
    }
}
