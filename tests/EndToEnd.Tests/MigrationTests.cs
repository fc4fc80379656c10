using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class MigrationTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Migrations_WhenReplicasStartTogether_AreAppliedByExactlyOneProcess()
    {
        // Both registration replicas, the admin API and the worker start at the same moment and all migrate.
        var services = new[] { ResourceNames.RegistrationApi, ResourceNames.AdminApi, ResourceNames.AuditWorker }
            .SelectMany(name => platform.Replicas(name).Select(r => r.Name).DefaultIfEmpty(name))
            .ToList();
        Assert.True(services.Count >= 4);

        var applied = services.Where(r => Logged(r, "database migration(s)")).ToList();
        var upToDate = services.Where(r => Logged(r, "Database schema is up to date")).ToList();

        // One process applied them; every other found the schema current. (The one that applied may also log
        // "up to date": seen once in CI, when its attempt was retried after the migrations had committed.)
        var applier = Assert.Single(applied);
        Assert.All(services.Where(s => s != applier), s => Assert.Contains(s, upToDate));
    }

    [Fact]
    public async Task MigrationHistory_AfterConcurrentStart_HasEachMigrationOnce()
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """SELECT count(*), count(DISTINCT "MigrationId") FROM "__EFMigrationsHistory" """, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);

        Assert.True(reader.GetInt64(0) > 0);
        Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
    }

    private bool Logged(string resource, string text) => platform.Logs.Of(resource).Any(line => line.Contains(text));
}
