using System.Net;
using System.Text.Json;

namespace ClientPlatform.Testing.Fuzzing;

/// <summary>What must hold for every answer, whatever was asked (issue 15); each broken rule throws, naming it.</summary>
public static class Invariants
{
    public static void Check(FuzzRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
            Fail($"a {status}", body);
        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
            Fail("a stack trace or exception name in the body", body);
        if (response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.Count == 0)
            Fail("a 401 without WWW-Authenticate (RFC 6750 §3)", body);
        if (status >= 400 && request.Method != "HEAD")
            CheckErrorShape(response, status, body);
    }

    /// <summary>
    /// The documented shapes: problem+json with the seed's error code on the admin API; RFC 6749 §5.2 / RFC 7591
    /// §3.2.2 JSON (<c>error</c>, <c>error_description</c>) on /register and from the gateway. The one exception is
    /// the gateway's HTTP server itself refusing a request line it cannot parse (a NUL in the target): a bare 400
    /// before any application code runs.
    /// </summary>
    private static void CheckErrorShape(HttpResponseMessage response, int status, string body)
    {
        if (status == 400 && body.Length == 0 && response.Content.Headers.ContentType is null)
            return;
        var type = response.Content.Headers.ContentType?.MediaType;
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            Fail($"a {status} whose body is not JSON ({type})", body);
            return;
        }
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.String
            || error.GetString() is not { Length: > 0 })
            Fail($"a {status} without an error code", body);
        if (type == "application/problem+json" && (!json.TryGetProperty("status", out var shown) || shown.GetInt32() != status))
            Fail($"a problem+json {status} whose status member differs", body);
        if (type is not ("application/json" or "application/problem+json"))
            Fail($"a {status} of type {type}", body);
    }

    private static void Fail(string what, string body) =>
        throw new InvariantException($"Answered {what}: {body[..Math.Min(body.Length, 400)]}");
}

public sealed class InvariantException(string message) : Exception(message);
