using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Admin.Api.Clients;

[Description("A public key for a client (RFC 7517), published in its jwks at once or staged.")]
internal sealed record KeyAdd : IAdminRequest<KeyAdd>
{
    private const string JwkRule = "jwk: required, a JSON object (a public JWK with a kid)";

    [Description("The public key, a JWK (RFC 7517 §4) with a kid; kept exactly as given. Private key members are refused."), Required]
    public JsonElement Jwk { get; set; }

    [Description("True (the default): published in the client's jwks at once. False: staged, published when activated.")]
    public bool? Active { get; set; }

    public static string Shape => "The request body must be a JSON object {\"jwk\": {…}, \"active\": true|false} (application/json).";

    public static string RuleOf(string path) => path.Split('.', '[')[0] switch
    {
        "jwk" => JwkRule,
        "active" => "active: true or false",
        _ => Shape,
    };

    public string? Problem(DateTimeOffset now) => Jwk.ValueKind == JsonValueKind.Object ? null : JwkRule;
}

[Description("One of a client's keys; the key itself is in the client's jwks (active) or kept staged.")]
internal sealed record ClientKeyView(
    [property: Description("The key's id (kid).")] string Kid,
    [property: Description("Its type (kty: RSA, EC, OKP).")] string Kty,
    [property: Description("Its algorithm (alg), where the key says.")] string? Alg,
    [property: Description("Its use (use: sig, enc), where the key says.")] string? Use,
    [property: Description("True: published in the client's jwks, so assertions signed with it verify. False: staged.")] bool Active)
{
    public static ClientKeyView From(ClientKeySet.KeyView key) => new(key.Kid, key.Kty, key.Alg, key.Use, key.Active);
}

[Description("A client's keys: the active ones (its jwks), then the staged ones.")]
internal sealed record ClientKeyList(
    [property: Description("The client.")] string ClientId,
    [property: Description($"At most {nameof(ClientLimits.MaxJwksKeys)} (20) keys in all.")] IReadOnlyList<ClientKeyView> Keys);
