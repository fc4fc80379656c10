using System.Text.Json;

namespace ClientPlatform.Clients.Core;

/// <summary>A client's JWK Set (RFC 7517 §5): public keys only — a private key has no business in a registry.</summary>
public static class JwksRules
{
    // Private or symmetric key members (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
    private static readonly string[] SecretMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <returns>Why the JWK Set is refused, or null when it is acceptable.</returns>
    public static string? Check(JsonElement jwks)
    {
        if (jwks.ValueKind != JsonValueKind.Object)
            return "must be a JSON object (a JWK Set)";
        if (jwks.GetRawText().Length > ClientLimits.JwksMaxLength)
            return $"must be at most {ClientLimits.JwksMaxLength} characters";
        if (!jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() == 0)
            return "must have a non-empty \"keys\" array";
        if (keys.GetArrayLength() > ClientLimits.MaxJwksKeys)
            return $"must have at most {ClientLimits.MaxJwksKeys} keys";
        var index = 0;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object || !key.TryGetProperty("kty", out var kty) || kty.ValueKind != JsonValueKind.String)
                return $"keys[{index}] must be a JWK with a \"kty\"";
            if (SecretMembers.FirstOrDefault(m => key.TryGetProperty(m, out _)) is { } member)
                return $"keys[{index}] contains private key material (\"{member}\"): register public keys only";
            index++;
        }
        return null;
    }
}
