namespace ClientPlatform.Hosting;

public sealed class RedisResource(string name) : ServerResource(name), IResourceWithConnectionString
{
    public override string Kind => "redis";

    // StackExchange.Redis form, as Aspire's AddRedis emits it.
    public string ConnectionString => ExternalConnectionString ?? $"127.0.0.1:{Port},password={Password}";
}
