namespace ClientPlatform.Gateway;

/// <summary>Every log message of the gateway. A replica's comings and goings are said once each, not at every probe.</summary>
internal static partial class Log
{
    [LoggerMessage(5101, LogLevel.Warning, "Replica {Replica} of {Service} left the rotation: {Reason}")]
    public static partial void ReplicaOut(ILogger logger, string replica, string service, string reason);

    [LoggerMessage(5102, LogLevel.Information, "Replica {Replica} of {Service} is back in the rotation")]
    public static partial void ReplicaBack(ILogger logger, string replica, string service);
}
