namespace ClientPlatform.Admin.Api;

/// <summary>Every log message of the admin API that is its own (the shared ones are Clients.Infrastructure's). None carries a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Warning, "When {Count} secrets were last used could not be recorded ({Reason}); they are recorded at their next use")]
    public static partial void SecretUseNotRecorded(ILogger logger, int count, string reason);
}
