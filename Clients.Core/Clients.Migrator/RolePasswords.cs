using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.Clients.Migrator;

/// <summary>
/// Gives the roles the services connect as (<see cref="ServiceRoles"/>) the passwords this process is given, so that the
/// deployment's secrets, not the migration, hold them. A role whose password is not given keeps the one it has.
/// </summary>
internal sealed class RolePasswords(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<RolePasswords> logger)
{
    private const int MinLength = 16;

    public async Task SetAsync(CancellationToken cancellationToken)
    {
        var given = new[] { (ServiceRoles.Api, ServiceRoles.ApiPasswordSetting), (ServiceRoles.AuditWorker, ServiceRoles.AuditWorkerPasswordSetting) }
            .Select(r => (Role: r.Item1, Setting: r.Item2, Password: configuration[r.Item2]))
            .Where(r => !string.IsNullOrEmpty(r.Password))
            .ToList();
        if (given.Count == 0)
            return;
        foreach (var (_, setting, password) in given)
            if (password!.Length < MinLength)
                throw new MissingSettingException($"{setting} must be at least {MinLength} characters long.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var (role, _, password) in given)
        {
            await ServiceRoles.SetPasswordAsync(connection, role, password!, cancellationToken);
            Log.RolePasswordSet(logger, role);
        }
    }
}
