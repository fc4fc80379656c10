using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// A database of a test's own on the pipeline's PostgreSQL, migrated up to a migration, as a deployment that upgrades
/// has it: the test writes the rows of that time (<see cref="ExecuteAsync"/>), then <see cref="UpgradeAsync"/> runs the
/// migrations after it. Dropped at the end.
/// </summary>
internal sealed class UpgradedDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;
    private readonly string _connectionString;

    private UpgradedDatabase(string server, string name)
    {
        (_server, _name) = (server, name);
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        Db = new ClientsDbContext(new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql(_connectionString).Options);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ClientsDbContext Db { get; }

    /// <summary>A new database, migrated up to <paramref name="migration"/> and no further.</summary>
    public static async Task<UpgradedDatabase> AtAsync(AuditPipelineFixture pipeline, string migration)
    {
        var server = pipeline.ConnectionString(ResourceNames.ClientsDb);
        var database = new UpgradedDatabase(server, $"upgrade_{Guid.NewGuid():N}");
        await RunAsync(server, $"CREATE DATABASE {database._name}");
        await database.Db.GetService<IMigrator>().MigrateAsync(migration, Ct);
        return database;
    }

    /// <summary>SQL as the deployment of that time wrote its rows.</summary>
    public Task ExecuteAsync(string sql) => RunAsync(_connectionString, sql);

    /// <summary>Every migration after the one the database is at.</summary>
    public Task UpgradeAsync() => Db.Database.MigrateAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await RunAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task RunAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
