namespace ClientPlatform.ServiceDefaults;

/// <summary>The names Aspire's integrations give their health checks, as /health reports them.</summary>
public static class HealthCheckNames
{
    public const string Redis = "StackExchange.Redis";
    public const string RabbitMQ = "RabbitMQ.Client";
}
