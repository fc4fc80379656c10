namespace ClientPlatform.Testing.Fuzzing;

/// <summary>
/// Every route of both APIs (and both admin prefixes) and the gateway's own, with <c>{id}</c> where a path segment
/// goes. A route added to an API must be added here to be fuzzed.
/// </summary>
public static class FuzzRoutes
{
    public static readonly (string Method, string Template)[] All =
    [
        ("POST", "/register"),
        ("GET", "/register/{id}"),
        ("PUT", "/register/{id}"),
        ("DELETE", "/register/{id}"),
        ("POST", "/register/{id}/secret"),
        ("GET", "/register/_instance"),
        ("GET", "/health"),
        ("GET", "/admin/_instance"),
        ("GET", "/register/openapi.json"),
        ("GET", "/admin/openapi.json"),
        ("GET", "/admin/console"),
        ("GET", "/admin/console/{id}"),
        .. AdminRoutes("/admin"),
        .. AdminRoutes("/api/admin"),
    ];

    /// <summary>The routes whose success creates something (so whose refusal must create nothing).</summary>
    public static readonly string[] Creating =
    [
        "/register", "/admin/clients", "/api/admin/clients", "/admin/keys", "/api/admin/keys",
        "/admin/initial-access-tokens", "/api/admin/initial-access-tokens", "/admin/software-statement-issuers", "/api/admin/software-statement-issuers",
    ];

    private static IEnumerable<(string, string)> AdminRoutes(string prefix) =>
    [
        ("GET", $"{prefix}/clients"),
        ("POST", $"{prefix}/clients"),
        ("GET", $"{prefix}/clients/export"),
        ("DELETE", $"{prefix}/clients/bulk"),
        ("GET", $"{prefix}/clients/{{id}}"),
        ("PUT", $"{prefix}/clients/{{id}}"),
        ("DELETE", $"{prefix}/clients/{{id}}"),
        ("POST", $"{prefix}/clients/{{id}}/regenerate-secret"),
        ("GET", $"{prefix}/audit"),
        ("GET", $"{prefix}/audit/verify"),
        ("POST", $"{prefix}/keys"),
        ("GET", $"{prefix}/keys"),
        ("DELETE", $"{prefix}/keys/{{id}}"),
        ("POST", $"{prefix}/clients/{{id}}/verify-secret"),
        ("POST", $"{prefix}/initial-access-tokens"),
        ("GET", $"{prefix}/initial-access-tokens"),
        ("DELETE", $"{prefix}/initial-access-tokens/{{id}}"),
        ("POST", $"{prefix}/software-statement-issuers"),
        ("GET", $"{prefix}/software-statement-issuers"),
        ("DELETE", $"{prefix}/software-statement-issuers/{{id}}"),
        ("GET", $"{prefix}/me"),
    ];
}
