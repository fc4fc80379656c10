namespace ClientPlatform.Admin.Api;

/// <summary>Every log message of the admin API that is its own (the shared ones are Clients.Infrastructure's). None carries a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(6002, LogLevel.Information, "Lifecycle: {Count} expired clients {Action} ({Seconds:F1} s)")]
    public static partial void ClientsReaped(ILogger logger, int count, string action, double seconds);

    [LoggerMessage(6004, LogLevel.Information, "Lifecycle: {Count} secrets past their expiry taken out of their credential sets ({Seconds:F1} s)")]
    public static partial void SecretsExpired(ILogger logger, int count, double seconds);

    [LoggerMessage(6003, LogLevel.Warning, "Lifecycle: expired clients could not be reaped ({Reason}); next try in {Seconds} s")]
    public static partial void ReapFailed(ILogger logger, string reason, double seconds);

    [LoggerMessage(6010, LogLevel.Information, "Metadata documents: {ClientId} fetched ({Bytes} bytes, fresh for {Seconds:F0} s)")]
    public static partial void DocumentFetched(ILogger logger, string clientId, int bytes, double seconds);

    [LoggerMessage(6011, LogLevel.Information, "Metadata documents: {ClientId} refused: {Reason}")]
    public static partial void DocumentRefused(ILogger logger, string clientId, string reason);

    [LoggerMessage(6012, LogLevel.Warning, "Metadata documents: {ClientId} answered as kept, {Seconds:F0} s past its freshness: its document cannot be fetched now")]
    public static partial void DocumentServedStale(ILogger logger, string clientId, double seconds);
}
