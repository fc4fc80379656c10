using Aspire.Hosting;
using Aspire.Hosting.Testing;
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

    /// <summary>
    /// An Aspire application holding only the AppHost's PostgreSQL (the Debian package's server, as here without a
    /// container engine) and a database on it, over a kept state folder: start, run one statement, stop.
    /// </summary>
    private static async Task<object?> RunAsync(string state, bool fresh, string sql)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        var builder = BareApplication.Create();
        builder.AddPostgresServer("pg", ServerMode.Executables, StateFolder.Prepare(state, fresh), ephemeral: false).AddDatabase("db");
        await using var app = builder.Build();
        await app.StartAsync(limit.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("db", limit.Token);
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("db", limit.Token));
        await connection.OpenAsync(limit.Token);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(limit.Token);
    }
}
