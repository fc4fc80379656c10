using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Hosting;

public static class ServerResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(
        this IDistributedApplicationBuilder builder, string name, int port = 0) =>
        // Which server to use is decided per database (ConnectionStrings:{database}), as Aspire's clients read it.
        builder.AddResource(new PostgresServerResource(name) { RequestedPort = port });

    /// <summary>A database created on the server once it is ready (idempotent).</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource)
        {
            ExternalConnectionString = NullIfEmpty(server.ApplicationBuilder.Configuration.GetConnectionString(name)),
        };
        server.Resource.Databases.Add(database);
        var builder = server.ApplicationBuilder.AddResource(database);
        if (database.ExternalConnectionString is null)
            builder.WaitFor(server);
        return builder;
    }

    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int port = 0) =>
        builder.AddServer(new RedisResource(name), port);

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, int port = 0) =>
        builder.AddServer(new RabbitMQServerResource(name), port);

    private static IResourceBuilder<T> AddServer<T>(this IDistributedApplicationBuilder builder, T server, int port)
        where T : ServerResource
    {
        server.RequestedPort = port;
        server.ExternalConnectionString = NullIfEmpty(builder.Configuration.GetConnectionString(server.Name));
        return builder.AddResource(server);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
