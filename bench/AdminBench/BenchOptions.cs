namespace ClientPlatform.Bench.Admin;

internal sealed record BenchOptions(int Clients, int Seconds, int Connections, int Exports)
{
    public static BenchOptions Parse(string[] args)
    {
        var (clients, seconds, connections, exports) = (100_000, 10, 8, 5);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--clients": clients = int.Parse(args[i + 1]); break;
                case "--seconds": seconds = int.Parse(args[i + 1]); break;
                case "--connections": connections = int.Parse(args[i + 1]); break;
                case "--exports": exports = int.Parse(args[i + 1]); break;
                default: throw new ArgumentException($"Unknown option {args[i]}: use --clients, --seconds, --connections and --exports.");
            }
        }
        return new BenchOptions(clients, seconds, connections, exports);
    }
}
