using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// What a software statement's JOSE header may say (RFC 7515 §4, RFC 8725), checked before any key is looked at.
/// The library verifies signatures; these are the rules it leaves to the application.
/// </summary>
internal static class StatementHeader
{
    /// <summary>
    /// The typ values a statement may carry (RFC 7515 §4.1.9, compared case-insensitively, "application/" optional):
    /// none, or plain JWT. Any other type is a JWT meant for something else (an access token, a DPoP proof, a logout
    /// token), and explicit typing exists so that one kind is never accepted as another (RFC 8725 §3.11).
    /// </summary>
    private static readonly string[] AcceptedTypes = ["JWT", "application/jwt"];

    /// <summary>RFC 7515 §4.1.11 (IdentityModel names no constant for it).</summary>
    private const string Crit = "crit";

    /// <returns>Why the header is refused, or null.</returns>
    public static string? Problem(JsonWebToken jwt)
    {
        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedHeader));
        if (header.RootElement.ValueKind != JsonValueKind.Object)
            return "the JOSE header must be a JSON object (RFC 7515 §4)";
        // RFC 7515 §4: names must be unique; a parser that kept another duplicate than the signer's would be fooled.
        if (DuplicateMember(header.RootElement) is { } duplicate)
            return $"the header parameter '{duplicate}' appears more than once (RFC 7515 §4)";
        // RFC 7515 §4.1.11: a recipient that does not understand every extension crit lists must reject the JWS; this
        // server understands none, so any crit is refused (an empty or malformed one is invalid in itself).
        if (header.RootElement.TryGetProperty(Crit, out var crit))
            return crit.ValueKind == JsonValueKind.Array && crit.GetArrayLength() > 0 && crit.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? $"crit names extensions this server does not understand ({string.Join(", ", crit.EnumerateArray().Select(e => e.GetString()))}): RFC 7515 §4.1.11"
                : "crit must be a non-empty array of header parameter names (RFC 7515 §4.1.11)";
        if (header.RootElement.TryGetProperty(JwtHeaderParameterNames.Typ, out var typ)
            && (typ.ValueKind != JsonValueKind.String || !AcceptedTypes.Contains(typ.GetString(), StringComparer.OrdinalIgnoreCase)))
            return $"typ {typ.GetRawText()} is not a software statement's: omit it or use JWT (RFC 8725 §3.11)";
        // A nested JWT (RFC 7519 §5.2) would put the claims one signature further away than the one checked here.
        if (header.RootElement.TryGetProperty(JwtHeaderParameterNames.Cty, out var cty))
            return $"cty {cty.GetRawText()} is not accepted: the claims must be the statement's own payload (RFC 7519 §5.2)";
        return null;
    }

    /// <summary>The first member name that appears twice in <paramref name="json"/>, or null.</summary>
    public static string? DuplicateMember(JsonElement json)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
            if (!seen.Add(member.Name))
                return member.Name;
        return null;
    }
}
