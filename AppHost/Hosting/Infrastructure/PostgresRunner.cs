using Npgsql;

namespace ClientPlatform.Hosting;

/// <summary>
/// PostgreSQL from the Debian package, as a child process. It refuses to run as root, so as root it
/// runs as the package's 'postgres' user (aspire-substitute.md §2.1).
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource server) : IResourceRunner
{
    private const string ServiceUser = "postgres";
    private string _bin = "";
    private string _directory = "";

    public TimeSpan StartupTimeout => TimeSpan.FromSeconds(60);

    public void Prepare(RunContext context)
    {
        _bin = Tools.PostgresBin();
        _directory = context.PrepareServer(server);
    }

    public async Task StartAsync(ResourceReplica replica, RunContext context, CancellationToken cancellationToken)
    {
        var data = Path.Combine(_directory, "data");
        var asUser = Signals.IsRoot ? ServiceUser : null;
        if (asUser is not null)
            await FileOwnership.GiveAsync(_directory, ServiceUser, cancellationToken);

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            var passwordFile = Path.Combine(_directory, "password");
            await OneShot.RunAsync(replica, context, new ProcessSpec(Path.Combine(_bin, "initdb"),
                ["-D", data, "-U", PostgresServerResource.UserName, $"--pwfile={passwordFile}",
                 "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "-N"])
            { RunAsUser = asUser, WorkingDirectory = _directory }, "initdb", cancellationToken);
        }

        List<string> arguments =
        [
            "-D", data, "-p", server.Port.ToString(), "-k", _directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
        ];
        if (context.Options.Ephemeral)
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);

        replica.Process = await context.StartProcessAsync(replica, new ProcessSpec(Path.Combine(_bin, "postgres"), arguments)
        {
            RunAsUser = asUser,
            WorkingDirectory = _directory,
            StopSignal = Signals.SigInt, // fast shutdown; SIGTERM would wait for every client to leave
        });
    }

    public async Task<bool> ProbeAsync(ResourceReplica replica, CancellationToken cancellationToken) =>
        await Probes.PostgresAsync(server.ServerConnectionString, cancellationToken);

    /// <summary>Aspire's AddDatabase: CREATE DATABASE once the server answers, if it is not there yet.</summary>
    public async Task OnFirstHealthyAsync(ResourceReplica replica, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.ServerConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var database in server.Databases.Where(d => d.ExternalConnectionString is null))
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
                continue;
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            replica.Log.Add($"created database {database.DatabaseName}", false);
        }
    }
}
