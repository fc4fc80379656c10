using Microsoft.Extensions.Logging;

namespace ClientPlatform.Clients.Core;

/// <summary>Every log message of Clients.Core. None carries a secret, a token or a hash.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Applied {Count} database migration(s): {Migrations}")]
    public static partial void MigrationsApplied(ILogger logger, int count, string migrations);

    [LoggerMessage(1002, LogLevel.Information, "Database schema is up to date")]
    public static partial void SchemaUpToDate(ILogger logger);

    [LoggerMessage(1301, LogLevel.Warning, "A {Member} could not be fetched: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string member, string reason);
}
