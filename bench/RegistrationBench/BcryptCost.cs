using System.Diagnostics;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Bench.Registration;

/// <summary>The time one BCrypt hash takes here, measured in the same run as the load.</summary>
internal static class BcryptCost
{
    /// <summary>One hash at a time, on an otherwise idle machine.</summary>
    public static TimeSpan Measure(int workFactor, int samples = 20)
    {
        var hasher = new SecretHasher(workFactor);
        hasher.Hash("warm-up");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
            hasher.Hash(SecretGenerator.NewSecret());
        return clock.Elapsed / samples;
    }

    /// <summary>
    /// Hashes per second with every core hashing at once — what the cores can give registration. Lower than
    /// cores ÷ <see cref="Measure"/> where cores share execution units (SMT) or run slower when all are busy.
    /// </summary>
    public static double MeasureParallelRate(int workFactor, int samplesPerCore = 10)
    {
        var hasher = new SecretHasher(workFactor);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount * samplesPerCore,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ => hasher.Hash(SecretGenerator.NewSecret()));
        return Environment.ProcessorCount * samplesPerCore / clock.Elapsed.TotalSeconds;
    }
}
