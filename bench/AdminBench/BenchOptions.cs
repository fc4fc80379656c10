namespace ClientPlatform.Bench.Admin;

/// <param name="NoWrk">Drive the list with the in-process client even when wrk is installed.</param>
/// <param name="ListsOnly">Measure the list's scenarios only: no reaping, no exports.</param>
internal sealed record BenchOptions(int Clients, int Seconds, int Connections, int Exports, bool NoWrk, bool ListsOnly = false)
{
    public static BenchOptions Parse(string[] args)
    {
        var (clients, seconds, connections, exports, noWrk, listsOnly) = (1_000_000, 10, 8, 5, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-wrk")
            {
                noWrk = true;
                continue;
            }
            if (args[i] == "--lists-only")
            {
                listsOnly = true;
                continue;
            }
            if (i + 1 == args.Length)
                throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--clients": clients = int.Parse(args[++i]); break;
                case "--seconds": seconds = int.Parse(args[++i]); break;
                case "--connections": connections = int.Parse(args[++i]); break;
                case "--exports": exports = int.Parse(args[++i]); break;
                default: throw new ArgumentException($"Unknown option {args[i]}: use --clients, --seconds, --connections, --exports, --no-wrk and --lists-only.");
            }
        }
        return new BenchOptions(clients, seconds, connections, exports, noWrk, listsOnly);
    }
}
