using Microsoft.OpenApi;

namespace ClientPlatform.ApiDocuments.Tests;

/// <summary>
/// Issue 14: each API's OpenAPI 3.1 document validates, and names every route the API maps — a route mapped
/// without an operation in the document fails here, and so does an operation no route serves.
/// </summary>
[Collection(ApisCollection.Name)]
public sealed class DocumentTests(DocumentedApis apis)
{
    /// <summary>Not API operations: probes, the instance endpoint, the documents themselves and the reference page.</summary>
    private static readonly string[] Infrastructure =
    [
        "/health", "/alive", "/register/_instance", "/admin/_instance", "/api/admin/_instance", Documents.RegistrationPath, Documents.AdminPath,
        "/admin/console", "/admin/console/{file}",
    ];

    private const string AdminAlias = "/api/admin/";

    [Theory]
    [InlineData(Documents.RegistrationPath, "ClientPlatform registration API")]
    [InlineData(Documents.AdminPath, "ClientPlatform admin API")]
    public async Task Document_IsValidOpenApi31(string path, string title)
    {
        var read = await Documents.ReadAsync(path == Documents.AdminPath ? apis.Admin : apis.Registration, path);

        Assert.Empty(read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Equal(title, read.Document!.Info.Title);
    }

    [Fact]
    public async Task EveryRegistrationRoute_IsADescribedOperation_AndEveryOperationARoute()
    {
        var document = await Documents.LoadAsync(apis.Registration, Documents.RegistrationPath);

        AssertRoutesMatch(document, apis.RegistrationRoutes, alias: null);
        Assert.Equal(["deleteClient", "readClient", "registerClient", "rotateClientSecret", "updateClient"], OperationIds(document));
    }

    [Fact]
    public async Task EveryAdminRoute_IsADescribedOperation_AndEveryOperationARoute()
    {
        var document = await Documents.LoadAsync(apis.Admin, Documents.AdminPath);

        AssertRoutesMatch(document, apis.AdminRoutes, AdminAlias);
        Assert.Contains("listClients", OperationIds(document));
        Assert.Contains("verifyAudit", OperationIds(document));
    }

    [Fact]
    public async Task AdminOperations_NameTheScopeTheirEndpointIsAuthorizedBy()
    {
        var document = await Documents.LoadAsync(apis.Admin, Documents.AdminPath);

        Assert.Equal(["clients:read"], Scopes(document, "/admin/clients", HttpMethod.Get));
        Assert.Equal(["clients:write"], Scopes(document, "/admin/clients", HttpMethod.Post));
        Assert.Equal(["clients:delete"], Scopes(document, "/admin/clients/{clientId}", HttpMethod.Delete));
        Assert.Equal(["clients:delete"], Scopes(document, "/admin/clients/bulk", HttpMethod.Delete));
        Assert.Equal(["audit:read"], Scopes(document, "/admin/audit/verify", HttpMethod.Get));
        Assert.Equal(["client:admin"], Scopes(document, "/admin/keys", HttpMethod.Post));
        // Every admin operation is authorized and says what 401 and 403 look like.
        foreach (var (path, method, operation) in Operations(document))
        {
            Assert.True(operation.Security is { Count: > 0 }, $"{method} {path}: no security");
            Assert.Contains("401", operation.Responses!.Keys);
            if (operation.Security!.Any(r => r.Values.Any(scopes => scopes.Count > 0)))
                Assert.Contains("403", operation.Responses.Keys);
            Assert.Equal("application/problem+json", Assert.Single(operation.Responses["401"].Content!.Keys));
        }
    }

    [Fact]
    public async Task RegistrationOperations_AreOpenToRegister_AndTokenBoundToManage()
    {
        var document = await Documents.LoadAsync(apis.Registration, Documents.RegistrationPath);

        // Registration:Mode is open here: POST /register needs no credential (RFC 7591 §3).
        Assert.True(document.Paths["/register"].Operations![HttpMethod.Post].Security is null or { Count: 0 });
        var read = document.Paths["/register/{clientId}"].Operations![HttpMethod.Get];
        Assert.Equal(["adminBearer", "registrationAccessToken"],
            read.Security!.SelectMany(r => r.Keys).Select(s => s.Reference.Id!).Order(StringComparer.Ordinal));
        Assert.Equal("application/json", Assert.Single(read.Responses!["401"].Content!.Keys));
        Assert.Contains("WWW-Authenticate", read.Responses["401"].Headers!.Keys);
    }

    private static void AssertRoutesMatch(OpenApiDocument document, IReadOnlyList<MappedRoute> routes, string? alias)
    {
        var problems = new List<string>();
        var served = new HashSet<(string, string)>();
        foreach (var route in routes.Where(r => !Infrastructure.Contains(r.Pattern) && !r.Pattern.StartsWith("/admin/docs", StringComparison.Ordinal)))
        {
            var isAlias = alias is not null && route.Pattern.StartsWith(alias, StringComparison.Ordinal);
            // The alias prefix serves the same operations (design.md §7 C-11): the /admin twin must be documented.
            var path = isAlias ? "/admin/" + route.Pattern[alias!.Length..] : route.Pattern;
            served.Add((route.Method, path));
            if (route.Excluded && !isAlias)
                problems.Add($"{route.Method} {route.Pattern}: excluded from the document");
            if (!document.Paths.TryGetValue(path, out var item) || item.Operations?.TryGetValue(new HttpMethod(route.Method), out var operation) != true)
            {
                problems.Add($"{route.Method} {route.Pattern}: no operation in the document");
                continue;
            }
            if (string.IsNullOrEmpty(operation!.OperationId) || string.IsNullOrEmpty(operation.Summary) || operation.Tags is not { Count: > 0 })
                problems.Add($"{route.Method} {path}: no operationId, summary or tag");
            if (operation.Responses?.Keys.Any(k => k.StartsWith('2')) != true)
                problems.Add($"{route.Method} {path}: no success answer described");
            if (operation.Responses!.Values.Any(r => string.IsNullOrEmpty(r.Description)))
                problems.Add($"{route.Method} {path}: an answer without a description");
        }
        foreach (var (path, method, _) in Operations(document))
            if (!served.Contains((method.Method, path)))
                problems.Add($"{method} {path}: in the document, but no route serves it");
        Assert.Empty(problems);
        var ids = Operations(document).Select(o => o.Operation.OperationId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (p.Key, o.Key, o.Value)));

    private static List<string> OperationIds(OpenApiDocument document) =>
        [.. Operations(document).Select(o => o.Operation.OperationId!).Order(StringComparer.Ordinal)];

    private static List<string> Scopes(OpenApiDocument document, string path, HttpMethod method) =>
        [.. document.Paths[path].Operations![method].Security!.SelectMany(r => r.Values).SelectMany(s => s)];
}
