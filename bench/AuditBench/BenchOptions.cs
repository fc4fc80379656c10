namespace ClientPlatform.Bench.Audit;

internal sealed record BenchOptions(IReadOnlyList<int> Rates, int Seconds)
{
    public static BenchOptions Parse(string[] args)
    {
        int[] rates = [200, 1000];
        var seconds = 15;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rates": rates = args[i + 1].Split(',').Select(int.Parse).ToArray(); break;
                case "--seconds": seconds = int.Parse(args[i + 1]); break;
                default: throw new ArgumentException($"Unknown option {args[i]}: use --rates 200,1000 and --seconds 15.");
            }
        }
        return new BenchOptions(rates, seconds);
    }
}
