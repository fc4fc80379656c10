using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// Which requests are traced. A trace begun elsewhere follows the caller's decision (W3C <c>sampled</c> flag),
/// so a trace is whole or absent, never half. A trace this process begins is recorded while it begins fewer
/// than <c>Telemetry:TracesPerSecond</c> (default <see cref="DefaultTracesPerSecond"/>) in a second; beyond that,
/// that many a second are. Every request a person makes by hand is traced, and a load test does not make the
/// dashboard ingest thousands of spans a second (at 5,000 reads/s it was the platform's largest CPU cost after
/// the registration API itself, bench/README). Zero or less records every trace.
/// </summary>
public sealed class TraceSampling : Sampler, IDisposable
{
    public const string Setting = "Telemetry:TracesPerSecond";
    public const double DefaultTracesPerSecond = 50;

    private readonly TokenBucketRateLimiter? _budget;

    public TraceSampling(double tracesPerSecond)
    {
        if (tracesPerSecond <= 0)
            return;
        // Refilled ten times a second, so the budget is spread over the second rather than spent at its start.
        var perTenth = Math.Max(1, (int)Math.Ceiling(tracesPerSecond / 10));
        _budget = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(tracesPerSecond)),
            TokensPerPeriod = perTenth,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The sampler for a service: the caller's decision when there is one, else this budget.</summary>
    public static Sampler For(IConfiguration configuration)
    {
        var value = configuration[Setting];
        var perSecond = DefaultTracesPerSecond;
        if (value is not null && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out perSecond))
            throw new MissingSettingException($"{Setting} must be a number of traces per second (0: every trace), not '{value}'.");
        return new ParentBasedSampler(new TraceSampling(perSecond));
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (_budget is null)
            return new SamplingResult(SamplingDecision.RecordAndSample);
        using var lease = _budget.AttemptAcquire();
        return new SamplingResult(lease.IsAcquired ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }

    public void Dispose() => _budget?.Dispose();
}
