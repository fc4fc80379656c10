using Microsoft.Extensions.Logging;

namespace ClientPlatform.Clients.Migrator;

/// <summary>Every log message of the migrator (the schema's own are Clients.Core's). None carries a password.</summary>
internal static partial class Log
{
    [LoggerMessage(1501, LogLevel.Warning, "The database cannot be reached yet ({Reason}); trying again in {Seconds} s")]
    public static partial void DatabaseNotReachable(ILogger logger, string reason, double seconds);

    [LoggerMessage(1502, LogLevel.Information, "The database role {Role} can log in with the password it was given")]
    public static partial void RolePasswordSet(ILogger logger, string role);
}
