using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// Which traces are recorded. A trace begun elsewhere follows the caller's decision (W3C <c>sampled</c> flag),
/// so a trace is whole or absent, never half. A trace this process begins is recorded while the process begins
/// fewer than its budget in a second; beyond that, that many a second are:
/// <list type="bullet">
/// <item>a request it serves (a server span): <c>Telemetry:TracesPerSecond</c>, default <see cref="DefaultTracesPerSecond"/>
/// — every request a person makes by hand is traced;</item>
/// <item>work it begins on its own (an audit batch published): <c>Telemetry:BackgroundTracesPerSecond</c>, default
/// <see cref="DefaultBackgroundTracesPerSecond"/>;</item>
/// <item>a call it makes outside any trace — a client span with no parent: a poll (the outbox relay's and the health
/// checks' queries, the gateway's probes of replicas): none, unless every background trace is asked for (0). A person
/// opening the dashboard's Traces page should find requests there, not a poll a second per process (issue 33).</item>
/// </list>
/// Under load the dashboard would otherwise ingest spans by the thousand a second: with one budget of 50 a
/// second for every kind of root, a read through the gateway made the dashboard spend 170 µs of CPU, about as
/// much as the registration API itself (issue 13; bench/README). Zero or less records every trace of that kind.
/// </summary>
public sealed class TraceSampling : Sampler, IDisposable
{
    public const string Setting = "Telemetry:TracesPerSecond";
    public const string BackgroundSetting = "Telemetry:BackgroundTracesPerSecond";
    public const double DefaultTracesPerSecond = 10;
    public const double DefaultBackgroundTracesPerSecond = 1;

    private readonly TokenBucketRateLimiter? _requests;
    private readonly TokenBucketRateLimiter? _background;

    public TraceSampling(double requestsPerSecond, double backgroundPerSecond)
    {
        _requests = Budget(requestsPerSecond);
        _background = Budget(backgroundPerSecond);
    }

    /// <summary>The sampler for a service: the caller's decision when there is one, else these budgets.</summary>
    public static Sampler For(IConfiguration configuration) =>
        new ParentBasedSampler(new TraceSampling(
            Read(configuration, Setting, DefaultTracesPerSecond), Read(configuration, BackgroundSetting, DefaultBackgroundTracesPerSecond)));

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        // The ParentBasedSampler around this asks only about roots: a client span here was made outside any trace.
        if (samplingParameters.Kind == ActivityKind.Client && _background is not null)
            return new SamplingResult(SamplingDecision.Drop);
        var budget = samplingParameters.Kind == ActivityKind.Server ? _requests : _background;
        if (budget is null)
            return new SamplingResult(SamplingDecision.RecordAndSample);
        using var lease = budget.AttemptAcquire();
        return new SamplingResult(lease.IsAcquired ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }

    public void Dispose()
    {
        _requests?.Dispose();
        _background?.Dispose();
    }

    private static double Read(IConfiguration configuration, string setting, double defaultValue)
    {
        var value = configuration[setting];
        if (value is null)
            return defaultValue;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var perSecond))
            throw new MissingSettingException($"{setting} must be a number of traces per second (0: every trace), not '{value}'.");
        return perSecond;
    }

    private static TokenBucketRateLimiter? Budget(double perSecond)
    {
        if (perSecond <= 0)
            return null;
        // Refilled ten times a second, so the budget is spread over the second rather than spent at its start;
        // a budget under ten a second refills by one token less often.
        var period = TimeSpan.FromMilliseconds(Math.Max(100, 1000 / perSecond));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(perSecond)),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perSecond * period.TotalSeconds)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
