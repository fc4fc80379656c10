using System.Diagnostics;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>
/// Which traces reach the dashboard (issue 13): requests a process serves within their budget, work it begins on
/// its own within a smaller one, and a trace begun elsewhere as its caller decided — so a trace is whole or absent.
/// </summary>
public sealed class TraceSamplingTests
{
    private static readonly IConfiguration Defaults = new ConfigurationBuilder().Build();

    [Fact]
    public void Roots_AServersRequestsWithinTheirBudget_AndItsOwnWorkWithinASmallerOne()
    {
        var sampler = TraceSampling.For(Defaults);

        // A burst far above either budget, begun within a few milliseconds (the budgets refill every 100 ms and 1 s).
        var requests = Enumerable.Range(0, 200).Count(_ => Recorded(sampler, ActivityKind.Server, default));
        var background = new[] { ActivityKind.Producer, ActivityKind.Internal, ActivityKind.Consumer }
            .SelectMany(kind => Enumerable.Repeat(kind, 50)).Count(kind => Recorded(sampler, kind, default));

        Assert.InRange(requests, (int)TraceSampling.DefaultTracesPerSecond, (int)TraceSampling.DefaultTracesPerSecond + 2);
        Assert.Equal((int)TraceSampling.DefaultBackgroundTracesPerSecond, background);
    }

    [Fact]
    public void ACallOutsideAnyTrace_APoll_IsNotRecorded_UnlessEveryBackgroundTraceIsAskedFor()
    {
        var sampler = TraceSampling.For(Defaults);
        var inRequest = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

        // The first, with the whole background budget still unspent.
        Assert.False(Recorded(sampler, ActivityKind.Client, default));
        Assert.True(Recorded(sampler, ActivityKind.Client, inRequest));
        Assert.True(Recorded(TraceSampling.For(Settings("10", "0")), ActivityKind.Client, default));
    }

    [Fact]
    public void ATraceBegunElsewhere_FollowsTheCallersDecision_WhateverTheBudget()
    {
        var sampler = TraceSampling.For(Settings("1", "1"));
        var sampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var notSampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(Recorded(sampler, ActivityKind.Server, sampled)));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(Recorded(sampler, ActivityKind.Consumer, sampled)));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.False(Recorded(sampler, ActivityKind.Server, notSampled)));
    }

    [Fact]
    public void ZeroOrLess_RecordsEveryTraceOfThatKind()
    {
        var sampler = TraceSampling.For(Settings("0", "-1"));

        Assert.All(Enumerable.Range(0, 500), _ => Assert.True(Recorded(sampler, ActivityKind.Server, default)));
        Assert.All(Enumerable.Range(0, 500), _ => Assert.True(Recorded(sampler, ActivityKind.Producer, default)));
    }

    [Theory]
    [InlineData(TraceSampling.Setting)]
    [InlineData(TraceSampling.BackgroundSetting)]
    public void ASettingThatIsNoNumber_StopsTheStartWithOneSentence(string setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(setting, "fifty")]).Build();

        var refusal = Assert.Throws<MissingSettingException>(() => TraceSampling.For(configuration));

        Assert.Equal($"{setting} must be a number of traces per second (0: every trace), not 'fifty'.", refusal.Message);
    }

    private static IConfiguration Settings(string requests, string background) => new ConfigurationBuilder()
        .AddInMemoryCollection([new(TraceSampling.Setting, requests), new(TraceSampling.BackgroundSetting, background)]).Build();

    private static bool Recorded(Sampler sampler, ActivityKind kind, ActivityContext parent) =>
        sampler.ShouldSample(new SamplingParameters(parent, ActivityTraceId.CreateRandom(), "span", kind)).Decision
            == SamplingDecision.RecordAndSample;
}
