using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace ClientPlatform.AppHost;

/// <summary>The AppHost-side checks that make <c>WaitFor(server)</c> mean "answers", as Aspire's own server resources have.</summary>
public static class ServerHealthChecks
{
    public static void Postgres(IDistributedApplicationBuilder builder, Func<string> connectionString, string key) =>
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString(), name: key);

    public static void Redis(IDistributedApplicationBuilder builder, Func<string> connectionString, string key) =>
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString(), name: key);

    public static void RabbitMQ(IDistributedApplicationBuilder builder, Func<string> connectionString, string key)
    {
        // One kept connection, so the broker's log is not filled with one connection per probe.
        IConnection? connection = null;
        builder.Services.AddHealthChecks().AddRabbitMQ(async _ =>
        {
            if (connection is { IsOpen: true })
                return connection;
            var factory = new ConnectionFactory { Uri = new Uri(connectionString()), ClientProvidedName = "apphost-health" };
            return connection = await factory.CreateConnectionAsync();
        }, name: key);
    }
}
