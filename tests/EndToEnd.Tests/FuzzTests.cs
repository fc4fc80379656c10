using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using ClientPlatform.Testing.Fuzzing;
using CsCheck;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 15: property-based fuzzing of every route of both APIs through the gateway. The bounded run here is
/// 2,000 cases from a printed seed (CLIENTPLATFORM_FUZZ_SEED replays a run, CLIENTPLATFORM_FUZZ_CASES sets its
/// length); bench/FuzzBench is the longer run, printing cases/s and any failing seed.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class FuzzTests(EndToEndPlatform platform)
{
    private const int DefaultCases = 2000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryRoute_GeneratedRequests_NeverA5xx_AlwaysTheDocumentedErrorShape_NothingCreatedWhenRefused_AndTheChainVerifies()
    {
        // Arrange: a real client and its token, so that some requests get past authentication.
        var targets = await FuzzTargets.RegisterAsync(platform.Gateway, platform.AdminSecret, Ct);
        var cases = int.TryParse(Environment.GetEnvironmentVariable("CLIENTPLATFORM_FUZZ_CASES"), out var n) ? n : DefaultCases;
        var seed = Environment.GetEnvironmentVariable("CLIENTPLATFORM_FUZZ_SEED") is { Length: > 0 } given ? given : NewSeed();
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz seed {seed} (CLIENTPLATFORM_FUZZ_SEED={seed} replays this run)");

        // Act
        using var fuzzer = new Fuzzer(platform.Gateway.BaseAddress!, platform.ConnectionString(ResourceNames.ClientsDb), targets);
        var report = await fuzzer.RunAsync(cases, seed, Ct);
        using var verify = new HttpRequestMessage(HttpMethod.Get, "/admin/audit/verify");
        verify.Headers.Authorization = new("Bearer", platform.AdminSecret);
        var chain = await platform.Gateway.SendAsync(verify, Ct);

        // Assert (every case was checked as it ran; a failure throws with the seed that replays it)
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.Equal(HttpStatusCode.OK, chain.StatusCode);
        using var verification = JsonDocument.Parse(await chain.Content.ReadAsStringAsync(Ct));
        Assert.True(verification.RootElement.GetProperty("valid").GetBoolean(), verification.RootElement.ToString());
    }

    /// <summary>A failure found by the generator comes back, the same request, from the seed its message prints.</summary>
    [Fact]
    public void AFoundFailure_ReplaysFromItsPrintedSeed()
    {
        var generator = RequestGen.For(new FuzzTargets("admin-secret", "client-id", "token"));
        static void NoPercentEncodedNul(FuzzRequest request)
        {
            if (request.Target.Contains("%00", StringComparison.Ordinal))
                throw new InvalidOperationException(request.Target);
        }

        var found = Assert.Throws<CsCheckException>(() => generator.Sample(NoPercentEncodedNul, iter: 20_000, threads: 1));
        var seed = SeedInMessage().Match(found.Message).Groups[1].Value;
        var replayed = Assert.Throws<CsCheckException>(() => generator.Sample(NoPercentEncodedNul, iter: 1, threads: 1, seed: seed));

        Assert.NotEmpty(seed);
        Assert.Equal(Failing(found), Failing(replayed));
    }

    // A seed of its own each run (CsCheck's format), printed so that the whole run can be replayed.
    private static string NewSeed() => PCG.ThreadPCG.ToString();

    // The failing case as CsCheck prints it, the line after the seed line.
    private static string Failing(CsCheckException e) => e.Message.Split('\n', 2)[1].Trim();

    [GeneratedRegex("Set seed: \"([^\"]+)\"")]
    private static partial Regex SeedInMessage();
}
