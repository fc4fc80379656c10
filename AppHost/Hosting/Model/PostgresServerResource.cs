namespace ClientPlatform.Hosting;

public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    public const string UserName = "postgres";

    public override string Kind => "postgres";

    internal List<PostgresDatabaseResource> Databases { get; } = [];

    /// <summary>Unused when every database it holds is configured as an external connection string.</summary>
    internal bool IsNeeded => Databases.Any(d => d.ExternalConnectionString is null);

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username={UserName};Password={Password}";
}

public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString
{
    public override string Kind => "database";

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    /// <summary><c>ConnectionStrings:{name}</c> from configuration: an existing database is used as is.</summary>
    public string? ExternalConnectionString { get; internal set; }

    public string ConnectionString =>
        ExternalConnectionString ?? $"{Server.ServerConnectionString};Database={DatabaseName}";
}
