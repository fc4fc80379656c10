namespace ClientPlatform.Audit.Worker;

/// <summary>Every log message of the audit worker. None carries an event's content.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Consuming audit events from queue {Queue}")]
    public static partial void Consuming(ILogger logger, string queue);

    [LoggerMessage(2002, LogLevel.Warning, "The broker is unavailable ({Reason}); connecting again in {Seconds} s")]
    public static partial void BrokerUnavailable(ILogger logger, string reason, double seconds);

    [LoggerMessage(2003, LogLevel.Warning, "An audit message was moved to the dead-letter queue: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string reason);

    [LoggerMessage(2004, LogLevel.Warning, "The audit log cannot be written ({Reason}); the batch is kept and tried again in {Seconds} s")]
    public static partial void DatabaseUnavailable(ILogger logger, string reason, double seconds);

    [LoggerMessage(2005, LogLevel.Information, "Audit chain checkpoint: seq {Seq}, link {Hash}, key {KeyId}, signature {Mac}")]
    public static partial void Checkpoint(ILogger logger, long seq, string hash, string keyId, string mac);

    [LoggerMessage(2006, LogLevel.Error, "The audit chain checkpoint could not be written to its file ({Reason}); it is in this log")]
    public static partial void CheckpointNotWritten(ILogger logger, string reason);
}
