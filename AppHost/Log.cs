using Microsoft.Extensions.Logging;

namespace ClientPlatform.AppHost;

/// <summary>The AppHost's own log lines, each declared once.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "{Resource} exited unasked (exit code {ExitCode}); restarting it in {DelaySeconds:F1} s (exit {Exits} of at most {MaxRestarts} in the window).")]
    public static partial void Restarting(ILogger logger, string resource, int? exitCode, double delaySeconds, int exits, int maxRestarts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "{Resource} exited {Exits} times within {WindowSeconds:F0} s (last exit code {ExitCode}): not restarted again. Its log in the dashboard says why; Start it there once fixed.")]
    public static partial void GaveUp(ILogger logger, string resource, int exits, double windowSeconds, int? exitCode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Resource} could not be restarted: {Reason}")]
    public static partial void RestartFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "All resources are healthy after {Seconds:F1} s. Gateway: {Url}  (Ctrl+C stops everything.)")]
    public static partial void Ready(ILogger logger, double seconds, string url);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "All resources are healthy after {Seconds:F1} s ({RunSeconds:F1} s since the run command began: installs and the build). Gateway: {Url}  (Ctrl+C stops everything.)")]
    public static partial void ReadyAfterRun(ILogger logger, double seconds, double runSeconds, string url);
}
