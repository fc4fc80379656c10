namespace ClientPlatform.Bench.Admin;

/// <summary>
/// Client names like "Kalomi Ledger Web": 1,000 companies × 20 products × 5 kinds, so the first 100,000
/// are distinct, "Kalomi Ledger" names a handful and "Ledger" thousands.
/// </summary>
internal static class SeedNames
{
    public const int Distinct = 1000 * 20 * 5;

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "da"];

    private static readonly string[] Products =
    [
        "Ledger", "Payroll", "Insights", "Connect", "Portal", "Vault", "Tracker", "Scheduler", "Billing", "Inventory",
        "Messenger", "Analytics", "Checkout", "Helpdesk", "Notes", "Fleet", "Booking", "Health", "Learning", "Sync",
    ];

    public static readonly string[] Kinds = ["Web", "iOS", "Android", "Backend", "CLI"];

    public static string Kind(int i) => Kinds[i % Kinds.Length];

    public static string Product(int i) => Products[i / Kinds.Length % Products.Length];

    public static string Company(int i)
    {
        var n = i / (Kinds.Length * Products.Length) % 1000;
        var name = Syllables[n / 100] + Syllables[n / 10 % 10] + Syllables[n % 10];
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    public static string Name(int i) => $"{Company(i)} {Product(i)} {Kind(i)}";

    /// <summary>The host name part of the client's URIs, e.g. "kalomi".</summary>
    public static string Slug(int i) => Company(i).ToLowerInvariant();
}
