using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ClientPlatform.ServiceDefaults;

/// <summary>Every log message of ServiceDefaults.</summary>
internal static partial class Log
{
    [LoggerMessage(4101, LogLevel.Information, "Health check {Check} is {Status} while the service starts: {Description}")]
    public static partial void HealthStarting(ILogger logger, string check, HealthStatus status, string? description, Exception? exception);

    [LoggerMessage(4102, LogLevel.Warning, "Health check {Check} is {Status}: {Description}")]
    public static partial void HealthLost(ILogger logger, string check, HealthStatus status, string? description, Exception? exception);

    [LoggerMessage(4103, LogLevel.Information, "Health check {Check} is healthy again")]
    public static partial void HealthRegained(ILogger logger, string check);
}
