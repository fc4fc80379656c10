using Microsoft.Extensions.Logging;

namespace ClientPlatform.Clients.Core;

/// <summary>Every log message of Clients.Core. None carries a secret, a token or a hash.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Applied {Count} database migration(s): {Migrations}")]
    public static partial void MigrationsApplied(ILogger logger, int count, string migrations);

    [LoggerMessage(1002, LogLevel.Information, "Database schema is up to date")]
    public static partial void SchemaUpToDate(ILogger logger);

    [LoggerMessage(1003, LogLevel.Warning, "The database cannot be reached yet ({Reason}); trying again in {Seconds} s")]
    public static partial void DatabaseNotReachable(ILogger logger, string reason, double seconds);

    [LoggerMessage(1101, LogLevel.Information, "This replica is now the active audit outbox relay")]
    public static partial void RelayActive(ILogger logger);

    [LoggerMessage(1102, LogLevel.Warning, "Audit events cannot be published ({Reason}); they wait in the outbox, retrying in {Seconds} s and backing off")]
    public static partial void RelayInterrupted(ILogger logger, string reason, double seconds);

    [LoggerMessage(1103, LogLevel.Debug, "Audit outbox relay still interrupted after {Failures} tries ({Reason})")]
    public static partial void RelayStillInterrupted(ILogger logger, int failures, string reason);

    [LoggerMessage(1104, LogLevel.Information, "Audit outbox relay resumed after {Seconds:0.0} s; published {Count} waiting event(s)")]
    public static partial void RelayResumed(ILogger logger, double seconds, int count);

    [LoggerMessage(1105, LogLevel.Information, "Pruned {Count} sent audit outbox row(s) past their retention")]
    public static partial void OutboxPruned(ILogger logger, int count);
}
