using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// A client's public keys as a set an administrator manages (issue 34), beside its <c>jwks</c> member (RFC 7591 §2): the
/// active keys are that member, exactly what the authorization server verifies a <c>private_key_jwt</c> assertion with
/// (RFC 7523 §3); a key added inactive, or deactivated, waits in <see cref="Client.StagedJwks"/> and is not published.
/// So a new key is staged, then activated when the client starts signing with it, and the old one deactivated when it
/// stops: a rotation with no moment when the client's assertions fail. Each key is kept exactly as given.
/// </summary>
public static class ClientKeySet
{
    /// <summary>One key: its id, type, algorithm and use where given, and whether it is published.</summary>
    public sealed record KeyView(string Kid, string Kty, string? Alg, string? Use, bool Active);

    /// <summary>A refusal: 400 for a bad key, 404 for no such key, 409 for a state that forbids the change.</summary>
    public sealed record Refusal(int Status, string Problem);

    public static IReadOnlyList<KeyView> Views(Client client) =>
        [.. Keys(client.Jwks).Select(k => View(k, active: true)), .. Keys(client.StagedJwks).Select(k => View(k, active: false))];

    /// <summary>Adds <paramref name="jwk"/>, published at once when <paramref name="active"/>.</summary>
    public static Refusal? Add(Client client, JsonElement jwk, bool active)
    {
        if (client.JwksUri is not null)
            return new(409, $"Client {client.ClientId} publishes its keys at its jwks_uri ({client.JwksUri}): they are changed there, not here.");
        var set = new JsonObject { ["keys"] = new JsonArray(JsonNode.Parse(jwk.GetRawText())) };
        if (JwksRules.Check(JsonDocument.Parse(set.ToJsonString()).RootElement) is { } problem)
            return new(400, $"jwk: {problem.Replace("keys[0]", "the key")}");
        if (!jwk.TryGetProperty("kid", out var kidElement) || kidElement.ValueKind != JsonValueKind.String || kidElement.GetString() is not { Length: > 0 } kid)
            return new(400, "jwk: needs a \"kid\", by which it is activated, deactivated and removed");
        var all = Keys(client.Jwks).Concat(Keys(client.StagedJwks)).ToList();
        if (all.Any(k => Kid(k) == kid))
            return new(409, $"Client {client.ClientId} already has a key \"{kid}\".");
        if (all.Count + 1 > ClientLimits.MaxJwksKeys)
            return new(409, $"Client {client.ClientId} already has {ClientLimits.MaxJwksKeys} keys, active and staged: remove one first.");
        var node = JsonNode.Parse(jwk.GetRawText())!;
        return active ? Publish(client, [.. Keys(client.Jwks), node]) : Stage(client, [.. Keys(client.StagedJwks), node]);
    }

    public static Refusal? Activate(Client client, string kid)
    {
        var staged = Keys(client.StagedJwks);
        if (staged.FirstOrDefault(k => Kid(k) == kid) is not { } key)
            return Keys(client.Jwks).Any(k => Kid(k) == kid) ? null : NoKey(client, kid);
        return Publish(client, [.. Keys(client.Jwks), key.DeepClone()]) ?? Stage(client, [.. staged.Where(k => Kid(k) != kid).Select(k => k.DeepClone())]);
    }

    public static Refusal? Deactivate(Client client, string kid)
    {
        var active = Keys(client.Jwks);
        if (active.FirstOrDefault(k => Kid(k) == kid) is not { } key)
            return Keys(client.StagedJwks).Any(k => Kid(k) == kid) ? null : NoKey(client, kid);
        if (LastKeyOfAKeyClient(client, active))
            return LastKey(client, kid);
        Stage(client, [.. Keys(client.StagedJwks), key.DeepClone()]);
        return Publish(client, [.. active.Where(k => Kid(k) != kid).Select(k => k.DeepClone())]);
    }

    public static Refusal? Remove(Client client, string kid)
    {
        var active = Keys(client.Jwks);
        var staged = Keys(client.StagedJwks);
        if (staged.Any(k => Kid(k) == kid))
            return Stage(client, [.. staged.Where(k => Kid(k) != kid).Select(k => k.DeepClone())]);
        if (!active.Any(k => Kid(k) == kid))
            return NoKey(client, kid);
        if (LastKeyOfAKeyClient(client, active))
            return LastKey(client, kid);
        return Publish(client, [.. active.Where(k => Kid(k) != kid).Select(k => k.DeepClone())]);
    }

    /// <summary>A client that authenticates with its keys keeps at least one published: with none it could not authenticate.</summary>
    private static bool LastKeyOfAKeyClient(Client client, List<JsonNode> active) =>
        active.Count == 1 && client.TokenEndpointAuthMethod == OAuth.AuthMethods.PrivateKeyJwt;

    private static Refusal LastKey(Client client, string kid) =>
        new(409, $"Key \"{kid}\" is the only active key of client {client.ClientId}, which authenticates with private_key_jwt: activate another first.");

    private static Refusal NoKey(Client client, string kid) => new(404, $"Client {client.ClientId} has no key \"{kid}\".");

    /// <summary>The published set: the jwks member, null when no key is left (RFC 7591 §2: then it is absent).</summary>
    private static Refusal? Publish(Client client, List<JsonNode> keys)
    {
        var text = keys.Count == 0 ? null : new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => k.DeepClone())]) }.ToJsonString();
        if (text is { Length: > ClientLimits.JwksMaxLength })
            return new(409, $"The client's jwks would be longer than {ClientLimits.JwksMaxLength} characters: remove a key first.");
        client.Jwks = text;
        return null;
    }

    private static Refusal? Stage(Client client, List<JsonNode> keys)
    {
        client.StagedJwks = keys.Count == 0 ? null : new JsonArray([.. keys.Select(k => k.DeepClone())]).ToJsonString();
        return null;
    }

    /// <summary>The keys of a JWK Set (the jwks member) or of a staged array.</summary>
    private static List<JsonNode> Keys(string? json) => JsonNode.Parse(json ?? "null") switch
    {
        JsonObject set when set["keys"] is JsonArray keys => [.. keys.OfType<JsonNode>()],
        JsonArray staged => [.. staged.OfType<JsonNode>()],
        _ => [],
    };

    private static string? Kid(JsonNode key) => key["kid"] is JsonValue value && value.TryGetValue<string>(out var kid) ? kid : null;

    private static KeyView View(JsonNode key, bool active) =>
        new(Kid(key) ?? "", key["kty"]?.GetValue<string>() ?? "", Text(key, "alg"), Text(key, "use"), active);

    private static string? Text(JsonNode key, string name) => key[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
