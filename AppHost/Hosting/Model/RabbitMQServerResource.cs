namespace ClientPlatform.Hosting;

public sealed class RabbitMQServerResource(string name) : ServerResource(name), IResourceWithConnectionString
{
    public const string UserName = "guest";

    public override string Kind => "rabbitmq";

    public string ConnectionString => ExternalConnectionString ?? $"amqp://{UserName}:{Password}@127.0.0.1:{Port}";
}
