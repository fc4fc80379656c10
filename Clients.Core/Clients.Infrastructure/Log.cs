using Microsoft.Extensions.Logging;

namespace ClientPlatform.Clients.Infrastructure;

/// <summary>Every log message of Clients.Infrastructure. None carries a secret, a token or a hash.</summary>
internal static partial class Log
{
    [LoggerMessage(1003, LogLevel.Warning, "The database cannot be reached yet ({Reason}); trying again in {Seconds} s")]
    public static partial void DatabaseNotReachable(ILogger logger, string reason, double seconds);

    [LoggerMessage(1004, LogLevel.Warning, "Waiting for the migrator: {Count} migration(s) not applied yet ({Migrations}); this service reports unhealthy until they are")]
    public static partial void WaitingForMigrator(ILogger logger, int count, string migrations);

    [LoggerMessage(1006, LogLevel.Information, "Database schema is up to date, as the migrator left it")]
    public static partial void SchemaCurrent(ILogger logger);

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

    [LoggerMessage(1201, LogLevel.Warning, "Redis is unavailable ({Reason}): clients are read from PostgreSQL and rate limits are counted by this replica alone; next try in {Seconds} s")]
    public static partial void RedisAway(ILogger logger, string reason, double seconds);

    [LoggerMessage(1202, LogLevel.Information, "Redis is back: caching and shared rate limits resume")]
    public static partial void RedisReturned(ILogger logger);

    [LoggerMessage(1106, LogLevel.Warning, "Audit events of reads and refusals cannot go to the broker ({Reason}); they go through the outbox until it returns")]
    public static partial void DetachedAuditToOutbox(ILogger logger, string reason);

    [LoggerMessage(1107, LogLevel.Information, "Audit events of reads and refusals go straight to the broker again")]
    public static partial void DetachedAuditPublishing(ILogger logger);

    [LoggerMessage(1108, LogLevel.Error, "{Count} audit event(s) of reads or refusals were lost: neither the broker nor the database could take them ({Reason})")]
    public static partial void DetachedAuditLost(ILogger logger, int count, string reason);

    [LoggerMessage(1203, LogLevel.Information, "Started a new cache epoch: {Count} change(s) could not be invalidated while Redis was away, so no entry from before is served")]
    public static partial void CacheEpochStarted(ILogger logger, int count);

    [LoggerMessage(1204, LogLevel.Warning, "A cache entry for client {ClientId} failed its integrity check and was ignored: something other than this platform wrote to Redis ({Unlogged} more since the last such message)")]
    public static partial void CacheEntryForged(ILogger logger, string clientId, int unlogged);

    [LoggerMessage(1205, LogLevel.Warning, "The cache's integrity key cannot be read from PostgreSQL ({Reason}); clients are read from PostgreSQL until it can, next try in {Seconds} s")]
    public static partial void CacheKeyUnavailable(ILogger logger, string reason, double seconds);

    [LoggerMessage(1206, LogLevel.Warning, "When {Count} clients or secrets were last used could not be recorded ({Reason}); they are recorded at their next use")]
    public static partial void UseNotRecorded(ILogger logger, int count, string reason);
}
