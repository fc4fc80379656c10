using ClientPlatform.Clients.Core.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.Clients.Migrator;

/// <summary>
/// The schema brought up to date (<see cref="SchemaMigrator"/>, under an advisory lock, so two migrators of a rolling
/// update apply each migration once), then the roles' passwords. A migrator starts beside a database that may still be
/// starting, so it keeps trying to reach it for a while.
/// </summary>
internal sealed class Migration(SchemaMigrator schema, RolePasswords passwords, ILogger<Migration> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for the database to answer.</summary>
    private static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(60);

    public async Task RunAsync()
    {
        var deadline = DateTime.UtcNow + ReachTimeout;
        while (true)
        {
            try
            {
                await schema.MigrateAsync(CancellationToken.None);
                await passwords.SetAsync(CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is NpgsqlException { IsTransient: true } or TimeoutException && DateTime.UtcNow < deadline)
            {
                Log.DatabaseNotReachable(logger, e.Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay);
            }
        }
    }
}
