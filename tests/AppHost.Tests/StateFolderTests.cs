using ClientPlatform.Hosting;
using ClientPlatform.Hosting.Testing;
using Npgsql;

namespace ClientPlatform.AppHost.Tests;

/// <summary>Data kept in the state folder survives a restart of the AppHost; --fresh starts from empty.</summary>
public sealed class StateFolderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_KeepsPostgresData_AndFreshStartsEmpty()
    {
        var state = Directory.CreateTempSubdirectory("apphost-state-").FullName;
        File.SetUnixFileMode(state, (UnixFileMode)0b111_101_101);
        try
        {
            await RunAsync(state, fresh: false, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");

            var afterRestart = await RunAsync(state, fresh: false, "SELECT id FROM kept");
            var afterFresh = await RunAsync(state, fresh: true, "SELECT to_regclass('kept') IS NULL");

            Assert.Equal(42, afterRestart);
            Assert.Equal(true, afterFresh);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>A model holding only a database, in a kept state folder: start, run one statement, stop.</summary>
    private static async Task<object?> RunAsync(string state, bool fresh, string sql)
    {
        var builder = DistributedApplicationTestingBuilder.Create(
            b => b.AddPostgres("pg").AddDatabase("db"),
            new Dictionary<string, string?> { ["AppHost:StateDirectory"] = state, ["AppHost:Fresh"] = fresh ? "true" : "false" });
        await using var app = builder.Build();
        await app.StartAsync(Ct);
        await app.WaitForAllHealthyAsync(Ct);
        await using var connection = new NpgsqlConnection(app.GetConnectionString("db"));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
