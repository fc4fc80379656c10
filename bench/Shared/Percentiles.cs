namespace ClientPlatform.Bench;

/// <summary>Nearest-rank percentiles over a sorted sample (shared by the benchmarks, linked into each).</summary>
internal static class Percentiles
{
    public static double Of(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
