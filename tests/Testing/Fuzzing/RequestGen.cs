using System.Text;
using CsCheck;

namespace ClientPlatform.Testing.Fuzzing;

/// <summary>What the fuzzer knows of the platform it fuzzes: real credentials and a real client, so that some requests get far.</summary>
public sealed record FuzzTargets(string AdminSecret, string ClientId, string RegistrationToken)
{
    /// <summary>Registers the client the fuzzer aims at, through the gateway.</summary>
    public static async Task<FuzzTargets> RegisterAsync(HttpClient gateway, string adminSecret, CancellationToken cancellationToken)
    {
        using var registered = await gateway.PostAsync("/register", new StringContent(
            """{"redirect_uris":["https://fuzz.example.com/cb"],"client_name":"fuzz target"}""", Encoding.UTF8, "application/json"), cancellationToken);
        registered.EnsureSuccessStatusCode();
        using var client = System.Text.Json.JsonDocument.Parse(await registered.Content.ReadAsStringAsync(cancellationToken));
        return new FuzzTargets(adminSecret, client.RootElement.GetProperty("client_id").GetString()!,
            client.RootElement.GetProperty("registration_access_token").GetString()!);
    }
}

/// <summary>
/// Requests for every route (<see cref="FuzzRoutes"/>), each part drawn from values that matter to an identity API:
/// real and broken ids and credentials, query strings with control characters and bytes that are not UTF-8, and
/// bodies from valid metadata mutated member by member to wrong types, huge and deeply nested documents and
/// invalid UTF-8.
/// </summary>
public static class RequestGen
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] QueryNames =
        ["page", "limit", "search", "resource_id", "actor", "action", "from", "to", "format", "x", "", "page%00", "s%FF"];

    private static readonly string[] Members =
    [
        "redirect_uris", "token_endpoint_auth_method", "grant_types", "response_types", "client_name", "client_name#fr", "client_uri",
        "logo_uri", "scope", "contacts", "tos_uri", "policy_uri", "jwks_uri", "jwks", "software_id", "software_version", "software_statement",
        "application_type", "client_id", "client_secret", "registration_access_token", "update_locked", "delete_locked", "client_ids",
        "name", "scopes", "expires_at", "", "\\u0000",
    ];

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-1", "1e309", "12345678901234567890", "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\u001b[31m\"",
        "\"https://a.example/cb\"", "\"http://localhost/cb\"", "\"javascript:alert(1)\"", "\"https://a.example/cb#frag\"", "[]", "[null]", "[1]",
        "[\"\"]", "[\"https://a.example/cb\"]", "[\"com.example.app:/cb\"]", "[\"https://a.example/\\u0000\"]", "{}", "{\"keys\":[]}",
        "{\"keys\":[{\"kty\":\"EC\",\"d\":\"x\"}]}", "\"client_credentials\"", "[\"client_credentials\"]", "\"none\"", "\"é😀\"",
        "[\"clients:read\"]", "[\"client:admin\",\"nope\"]", "[\"x\\u0000\"]", "4102444800000",
    ];

    public static Gen<FuzzRequest> For(FuzzTargets targets) =>
        Gen.Select(Route, Segment(targets), Query, Headers(targets), Body, (route, segment, query, headers, body) =>
            new FuzzRequest(route.Method, route.Template.Replace("{id}", segment) + query, headers, body.Bytes, body.ContentType));

    /// <summary>A listed route mostly; sometimes another method on it, or a path no route serves.</summary>
    private static Gen<(string Method, string Template)> Route { get; } = Gen.Frequency(
        (12, Gen.OneOf(FuzzRoutes.All)),
        (2, Gen.Select(Gen.OneOf(Methods), Gen.OneOf(FuzzRoutes.All), (method, route) => (method, route.Template))),
        (1, Gen.Select(Gen.OneOf(Methods), Gen.OneOf("/", "/admin", "/adminx/clients", "/register/", "/register/{id}/x", "/api/admin/{id}",
            "/admin/clients/{id}/regenerate-secret/x", "/%2e%2e/admin/clients", "//register"), (method, path) => (method, path))));

    private static Gen<string> Segment(FuzzTargets targets) => Gen.Frequency(
        (6, Gen.Const(targets.ClientId)),
        (2, Gen.OneOf("bulk", "no-such-client", "export", "_instance", "key_x", "..", "%2F", "a%20b", "%C3%A9t%C3%A9", new string('a', 3000))),
        (3, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_"], 1, 40]),
        (3, PercentEncodedBytes(1, 6)));

    /// <summary>Bytes percent-encoded as they are: control characters (NUL included) and sequences that are not UTF-8.</summary>
    private static Gen<string> PercentEncodedBytes(int min, int max) =>
        Gen.Byte.Array[min, max].Select(bytes => string.Concat(bytes.Select(b => $"%{b:X2}")));

    private static Gen<string> QueryValue { get; } = Gen.Frequency(
        (3, Gen.OneOf("1", "0", "-1", "20", "100", "101", "999999999999", "1e3", "csv", "json", "xml", "2026-11-23T10:00:00Z", "yesterday",
            "client_created", "admin", "Self", "%25", "a+b")),
        (2, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 0, 30]),
        (2, PercentEncodedBytes(1, 5)),
        (1, Gen.Const(new string('s', 300))));

    private static Gen<string> Query { get; } = Gen.Frequency(
        (2, Gen.Const("")),
        (3, Gen.Select(Gen.OneOf(QueryNames), QueryValue, (name, value) => (name, value)).Array[1, 4]
            .Select(pairs => "?" + string.Join("&", pairs.Select(p => $"{p.name}={p.value}")))));

    private static Gen<IReadOnlyList<KeyValuePair<string, string>>> Headers(FuzzTargets targets)
    {
        var authorization = Gen.Frequency(
            (2, Gen.Const((string?)null)),
            (4, Gen.Const<string?>($"Bearer {targets.AdminSecret}")),
            (3, Gen.Const<string?>($"Bearer {targets.RegistrationToken}")),
            (3, Gen.OneOf<string?>("Bearer", "Bearer ", "bearer " + targets.AdminSecret, $"Bearer {targets.AdminSecret} x", "Basic dXNlcjpwYXNz",
                "Bearer key_x.not-a-secret", "Bearer \u0001", "Token abc", $"Bearer {new string('A', 5000)}", "Bearer é")),
            (1, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABC0123456789-._~+/="], 1, 80].Select(s => (string?)$"Bearer {s}")));
        var userAgent = Gen.Frequency(
            (6, Gen.Const((string?)null)),
            (1, Gen.OneOf<string?>("fuzz/1.0", "probe\u0001", "é", new string('u', 2000))));
        return Gen.Select(authorization, userAgent, (auth, agent) => (IReadOnlyList<KeyValuePair<string, string>>)
            new[] { ("Authorization", auth), ("User-Agent", agent) }.Where(h => h.Item2 is not null)
                .Select(h => KeyValuePair.Create(h.Item1, h.Item2!)).ToList());
    }

    /// <summary>A valid registration, then up to three members set to a value of any type (or removed), in any order.</summary>
    private static Gen<string> MutatedMetadata { get; } =
        Gen.Select(Gen.OneOf(Members), Gen.OneOf(JsonValues), (member, value) => (member, value)).Array[0, 3].Select(changes =>
        {
            var members = new Dictionary<string, string>
            {
                ["redirect_uris"] = "[\"https://fuzz.example.com/cb\"]",
                ["client_name"] = "\"fuzz\"",
            };
            foreach (var (member, value) in changes)
                if (value == "null" && members.ContainsKey(member))
                    members.Remove(member);
                else
                    members[member] = value;
            return "{" + string.Join(",", members.Select(m => $"\"{m.Key}\":{m.Value}")) + "}";
        });

    private static Gen<(byte[]? Bytes, string? ContentType)> Body { get; } = Gen.Frequency(
        (3, Gen.Const(((byte[]?)null, (string?)null))),
        (4, MutatedMetadata.Select(json => ((byte[]?)Encoding.UTF8.GetBytes(json), (string?)"application/json"))),
        (2, Gen.Select(MutatedMetadata, Gen.OneOf("text/plain", "application/json; charset=latin1", "application/x-www-form-urlencoded",
            "application/jsonx", "multipart/form-data; boundary=x"), (json, type) => ((byte[]?)Encoding.UTF8.GetBytes(json), (string?)type))),
        (2, Gen.OneOf("[]", "\"x\"", "1", "null", "", "{", "{\"redirect_uris\":", "{}", "{\"client_ids\":[]}", "{\"client_ids\":[\"a\",\"a\\u0000\"]}",
            "{\"name\":\"k\",\"scopes\":[\"clients:read\"]}").Select(json => ((byte[]?)Encoding.UTF8.GetBytes(json), (string?)"application/json"))),
        (1, Gen.Int[60, 5000].Select(depth => ((byte[]?)Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), (string?)"application/json"))),
        (1, Gen.Int[60_000, 70_000].Select(size => ((byte[]?)Encoding.UTF8.GetBytes($"{{\"client_name\":\"{new string('n', size)}\"}}"), (string?)"application/json"))),
        (1, Gen.Byte.Array[1, 8].Select(bytes => ((byte[]?)[.. "{\"client_name\":\""u8, .. bytes, .. "\",\"redirect_uris\":[\"https://a.example/cb\"]}"u8],
            (string?)"application/json"))));

}
