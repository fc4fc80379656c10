using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace ClientPlatform.ServiceDefaults;

/// <summary>Stands in for Aspire.StackExchange.Redis, with its method name and behaviour.</summary>
public static class RedisExtensions
{
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ConnectionStrings.Require(builder, connectionName);

        var options = ConfigurationOptions.Parse(connectionString);
        // As Aspire: start even when Redis is away, and keep reconnecting in the background.
        options.AbortOnConnectFail = false;
        options.ClientName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(), name: "redis");
        return builder;
    }
}
