using Npgsql;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// The database roles the services connect as (design.md §3, least privilege below the services), made by a migration
/// (CreateServiceRoles) with their grants. Neither owns a table, so neither can alter one or disable its trigger: only
/// the owner, which the one-shot migrator connects as, can.
/// <list type="bullet">
/// <item><see cref="Api"/>: both APIs. Reads and writes the clients and their credentials' records; puts audit events
/// in the outbox (and relays them out of it); reads the audit log, which it cannot change.</item>
/// <item><see cref="AuditWorker"/>: the audit worker. Appends to the audit log and moves its head; nothing else.</item>
/// </list>
/// The roles can log in once the migrator has given them passwords (<see cref="SetPasswordAsync"/>), from its settings
/// <c>Database:ApiRolePassword</c> and <c>Database:AuditWorkerRolePassword</c>.
/// </summary>
public static class ServiceRoles
{
    public const string Api = "clientplatform_api";
    public const string AuditWorker = "clientplatform_audit";

    public const string ApiPasswordSetting = "Database:ApiRolePassword";
    public const string AuditWorkerPasswordSetting = "Database:AuditWorkerRolePassword";

    /// <summary>
    /// Sets a role's password, passed as a parameter (never spliced into SQL text, never in the server's statement log:
    /// the statement that sets it is run by EXECUTE inside the function body).
    /// </summary>
    public static async Task SetPasswordAsync(NpgsqlConnection connection, string role, string password, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT set_config('clientplatform.role_password', @password, false);
            DO $$ BEGIN EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L', current_setting('clientplatform.role_name'),
                                       current_setting('clientplatform.role_password')); END $$;
            SELECT set_config('clientplatform.role_password', '', false);
            """, connection);
        command.Parameters.AddWithValue("password", password);
        await using (var name = new NpgsqlCommand("SELECT set_config('clientplatform.role_name', @role, false)", connection))
        {
            name.Parameters.AddWithValue("role", role);
            await name.ExecuteNonQueryAsync(cancellationToken);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
