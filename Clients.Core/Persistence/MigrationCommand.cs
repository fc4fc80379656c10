using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// <c>migrate</c>: brings the schema up to date, gives the services' roles the passwords it is given
/// (<see cref="ServiceRoles"/>), and exits: 0 done, 1 not (one line saying why). This is the deployment's one-shot
/// migration job (the AppHost's migrate resource, a Kubernetes Job, a compose service run to completion), which the
/// replicas wait for. It needs <c>ConnectionStrings__clientsdb</c>, as the schema's owner.
/// </summary>
public static class MigrationCommand
{
    public const string Name = ResourceNames.MigrateCommand;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for the database to answer: a job starts beside a database that may still be starting.</summary>
    private static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(60);

    public static bool IsRequested(string[] args) => args is [Name, ..];

    private static async Task SetRolePasswordsAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var given = new[] { (ServiceRoles.Api, ServiceRoles.ApiPasswordSetting), (ServiceRoles.AuditWorker, ServiceRoles.AuditWorkerPasswordSetting) }
            .Select(r => (Role: r.Item1, Setting: r.Item2, Password: configuration[r.Item2]))
            .Where(r => !string.IsNullOrEmpty(r.Password))
            .ToList();
        if (given.Count == 0)
            return;
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        foreach (var (role, setting, password) in given)
        {
            if (password!.Length < ServiceRolePasswordMinLength)
                throw new MissingSettingException($"{setting} must be at least {ServiceRolePasswordMinLength} characters long.");
            await ServiceRoles.SetPasswordAsync(connection, role, password, CancellationToken.None);
            Log.RolePasswordSet(logger, role);
        }
    }

    private const int ServiceRolePasswordMinLength = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(args[1..]);
            builder.AddServiceDefaults();
            builder.AddPostgresDatabase<ClientsDbContext>(ResourceNames.ClientsDb);
            builder.Services.AddSingleton<SchemaMigrator>();
            using var host = builder.Build();
            var migrator = host.Services.GetRequiredService<SchemaMigrator>();
            var logger = host.Services.GetRequiredService<ILogger<SchemaMigrator>>();
            var deadline = DateTime.UtcNow + ReachTimeout;
            while (true)
            {
                try
                {
                    await migrator.MigrateAsync(CancellationToken.None);
                    await SetRolePasswordsAsync(host.Services, builder.Configuration, logger);
                    return 0;
                }
                catch (Exception e) when (e is NpgsqlException { IsTransient: true } or TimeoutException && DateTime.UtcNow < deadline)
                {
                    Log.DatabaseNotReachable(logger, e.Message, RetryDelay.TotalSeconds);
                    await Task.Delay(RetryDelay);
                }
            }
        }
        catch (Exception e) when (StartupFailure.IsOperatorError(e))
        {
            return StartupFailure.Report(e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Console.Error.WriteLine($"error: the database schema could not be brought up to date: {e.Message}");
            return 1;
        }
    }
}
