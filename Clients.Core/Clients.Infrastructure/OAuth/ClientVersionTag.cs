using ClientPlatform.Clients.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClientPlatform.Clients.Infrastructure.OAuth;

/// <summary>
/// A client's version on the wire (issue 34), the same on both APIs: a strong entity tag of its row version
/// (RFC 9110 §8.8.3), and the If-Match test a change is made under (§13.1.1: strong comparison, <c>*</c> for any).
/// </summary>
public static class ClientVersionTag
{
    public static string Of(Client client) => $"\"{client.Version}\"";

    /// <summary>Puts the client's version on the answer (after a change: its new one).</summary>
    public static void Set(HttpResponse response, Client client) => response.Headers.ETag = Of(client);

    /// <summary>Whether the request's If-Match (present) names the client's current version; a weak tag never does.</summary>
    public static bool Matches(StringValues ifMatch, Client client)
    {
        var current = Of(client);
        return ifMatch.SelectMany(v => (v ?? "").Split(',')).Select(t => t.Trim()).Any(t => t == "*" || t == current);
    }
}
