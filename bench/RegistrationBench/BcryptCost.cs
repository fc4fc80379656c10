using System.Diagnostics;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Bench.Registration;

/// <summary>The time one BCrypt hash takes here, measured in the same run as the load.</summary>
internal static class BcryptCost
{
    public static TimeSpan Measure(int workFactor, int samples = 20)
    {
        var hasher = new SecretHasher(workFactor);
        hasher.Hash("warm-up");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
            hasher.Hash(SecretGenerator.NewSecret());
        return clock.Elapsed / samples;
    }
}
