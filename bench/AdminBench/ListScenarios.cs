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
