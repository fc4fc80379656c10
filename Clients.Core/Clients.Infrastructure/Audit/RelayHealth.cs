using Microsoft.Extensions.Logging;

namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>
/// Turns a broker or database outage into one warning when it starts and one line when it ends, instead
/// of a stack trace on every retry.
/// </summary>
internal sealed class RelayHealth
{
    private DateTimeOffset? _failingSince;
    private int _failures;

    public void Failed(ILogger logger, Exception error, TimeSpan retryIn)
    {
        _failures++;
        if (_failingSince is null)
        {
            _failingSince = DateTimeOffset.UtcNow;
            Log.RelayInterrupted(logger, Describe(error), retryIn.TotalSeconds);
        }
        else
        {
            Log.RelayStillInterrupted(logger, _failures, Describe(error));
        }
    }

    public void Succeeded(ILogger logger, int published)
    {
        if (_failingSince is { } since)
            Log.RelayResumed(logger, (DateTimeOffset.UtcNow - since).TotalSeconds, published);
        _failingSince = null;
        _failures = 0;
    }

    private static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message.Split('\n')[0]}";
}
