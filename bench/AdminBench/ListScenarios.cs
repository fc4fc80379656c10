namespace ClientPlatform.Bench.Admin;

/// <summary>What an administrator asks of the list: the first page, one near the end, and three searches.</summary>
internal static class ListScenarios
{
    private const int Limit = 20;

    public static async Task<List<(string Name, string Path)>> BuildAsync(AdminCalls admin, string sampleId)
    {
        var lastPage = (int)Math.Ceiling(await admin.TotalAsync($"/admin/clients?limit={Limit}") / (double)Limit);
        var scenarios = new List<(string Name, string Path)>
        {
            ("list page 1", $"/admin/clients?page=1&limit={Limit}"),
            ($"list page {lastPage - 1:N0} of {lastPage:N0}", $"/admin/clients?page={lastPage - 1}&limit={Limit}"),
        };
        // Issue 34: each filter, its first page and its last.
        var now = DateTimeOffset.UtcNow;
        foreach (var filter in new[]
                 {
                     "locked=true", "grant_type=client_credentials", "source=initial_access_token", "stale=true",
                     $"created_from={now.AddDays(-395).ToUnixTimeMilliseconds()}&created_to={now.AddDays(-365).ToUnixTimeMilliseconds()}",
                     $"last_used_from={now.AddDays(-7).ToUnixTimeMilliseconds()}",
                 })
        {
            var matches = await admin.TotalAsync($"/admin/clients?{filter}&limit={Limit}");
            var pages = Math.Max(1, (int)Math.Ceiling(matches / (double)Limit));
            var label = filter.Split('=')[0].Replace("_from", "").Replace("_to", "");
            scenarios.Add(($"{label} ({matches:N0}) page 1", $"/admin/clients?{filter}&page=1&limit={Limit}"));
            scenarios.Add(($"{label} ({matches:N0}) page {pages:N0}", $"/admin/clients?{filter}&page={pages}&limit={Limit}"));
        }
        // A fragment of one client's id; a company and product (a handful); a product alone (thousands).
        const int sample = 4242;
        foreach (var search in new[] { sampleId[4..14], $"{SeedNames.Company(sample)} {SeedNames.Product(sample)}".ToLowerInvariant(), SeedNames.Product(sample) })
        {
            var path = $"/admin/clients?search={Uri.EscapeDataString(search)}&page=1&limit={Limit}";
            var matches = await admin.TotalAsync(path);
            scenarios.Add(($"search '{search}' ({matches:N0} {(matches == 1 ? "hit" : "hits")})", path));
        }
        return scenarios;
    }
}
