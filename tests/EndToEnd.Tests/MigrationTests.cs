using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace ClientPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class MigrationTests(EndToEndPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_AreAppliedByTheMigrator_WhichEnds_AndEveryServiceFindsTheSchemaCurrent()
    {
        // One migrator, as the schema's owner, then the services, each as a role that owns nothing (design.md §3, §6).
        var services = new[] { ResourceNames.RegistrationApi, ResourceNames.AdminApi, ResourceNames.AuditWorker }
            .SelectMany(name => platform.Replicas(name).Select(r => r.Name).DefaultIfEmpty(name))
            .ToList();
        Assert.True(services.Count >= 4);

        Assert.True(Logged(ResourceNames.Migrate, "database migration(s)"), "the migrator applied the migrations");
        Assert.All(services, s => Assert.True(Logged(s, "Database schema is up to date"), $"{s} found the schema current"));
        Assert.All(services, s => Assert.False(Logged(s, "database migration(s)"), $"{s} migrated"));
        await platform.App.ResourceNotifications.WaitForResourceAsync(ResourceNames.Migrate, KnownResourceStates.Finished, Ct);
    }

    [Fact]
    public async Task Services_ConnectAsRolesThatOwnNothing_AndCannotTouchTheAuditLog()
    {
        // A registration makes an API and the audit worker use the database now: a connection pool that idled out
        // (after the outage test, say) opens again, so both roles are seen connected, not only the ones that stayed.
        using var registered = await platform.Gateway.PostAsync("/register", new StringContent(
            """{"redirect_uris":["https://roles.example.com/cb"]}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        await using var connection = new NpgsqlConnection(platform.ConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        (long Roles, long Others, bool ApiMayChangeAudit, bool WorkerMayDoMore, bool ServiceOwnsAudit) seen;
        do
        {
            await using var roles = new NpgsqlCommand(
                """
                SELECT count(DISTINCT usename) FILTER (WHERE usename IN ('clientplatform_api', 'clientplatform_audit')),
                       count(*) FILTER (WHERE usename NOT IN ('clientplatform_api', 'clientplatform_audit') AND application_name <> 'psql'
                                        AND usename <> current_user),
                       has_table_privilege('clientplatform_api', 'audit_log', 'UPDATE') OR has_table_privilege('clientplatform_api', 'audit_log', 'INSERT')
                           OR has_table_privilege('clientplatform_api', 'audit_log', 'DELETE'),
                       has_table_privilege('clientplatform_audit', 'audit_log', 'UPDATE') OR has_table_privilege('clientplatform_audit', 'audit_log', 'DELETE')
                           OR has_table_privilege('clientplatform_audit', 'clients', 'SELECT'),
                       (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') IN ('clientplatform_api', 'clientplatform_audit')
                FROM pg_stat_activity WHERE datname = current_database()
                """, connection);
            await using var reader = await roles.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            seen = (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
            if (seen.Roles < 2)
                await Task.Delay(200, Ct);
        }
        while (seen.Roles < 2 && DateTime.UtcNow < deadline);

        Assert.Equal(2, seen.Roles);
        Assert.Equal(0, seen.Others);
        Assert.False(seen.ApiMayChangeAudit, "the APIs' role may change the audit log");
        Assert.False(seen.WorkerMayDoMore, "the worker's role may do more than append");
        Assert.False(seen.ServiceOwnsAudit, "a service's role owns the audit log");
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
