using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ClientPlatform.Clients.Core.Registration;

namespace ClientPlatform.Admin.Api.Registration;

[Description("An issuer whose software statements (RFC 7591 §2.3) are trusted: give jwks or jwks_uri.")]
internal sealed record SoftwareStatementIssuerTrust : IAdminRequest<SoftwareStatementIssuerTrust>
{
    private static readonly string IssuerRule = $"issuer: required, the iss value of the statements, at most {ClientLimits.UriMaxLength} characters";
    private const string OneOfKeys = "jwks, jwks_uri: give exactly one: the issuer's public keys as a JWK Set, or the URL to fetch them from";
    public const string JwksUriRule = "jwks_uri: an absolute https URL";
    private const string JwksRule = "jwks: a JWK Set (RFC 7517 §5)";

    [Description("The iss of its statements."), Required, MaxLength(ClientLimits.UriMaxLength)]
    public string Issuer { get; set; } = "";

    [Description("Its public signing keys (a JWK Set, RFC 7517 §5).")]
    public JsonElement? Jwks { get; set; }

    [Description("Where to fetch them (https)."), MaxLength(ClientLimits.UriMaxLength)]
    public string? JwksUri { get; set; }

    public static string Shape => "The request body must be a JSON object with issuer and jwks or jwks_uri.";

    public static string RuleOf(string path) => path.Split('.', '[')[0] switch
    {
        "issuer" => IssuerRule,
        "jwks_uri" => JwksUriRule,
        "jwks" => JwksRule,
        _ => Shape,
    };

    /// <summary>The member rules; what the keys themselves must be is checked where they are read.</summary>
    public string? Problem(DateTimeOffset now) =>
        Issuer.Length is 0 or > ClientLimits.UriMaxLength ? IssuerRule
        : (Jwks is { ValueKind: not JsonValueKind.Null }) == (JwksUri is not null) ? OneOfKeys
        : null;
}

[Description("A trusted software statement issuer.")]
internal sealed record SoftwareStatementIssuerView
{
    [Description("Its id.")]
    public required string Id { get; init; }

    [Description("The iss of its statements.")]
    public required string Issuer { get; init; }

    [Description("Its public keys (a JWK Set); null: fetched from jwks_uri.")]
    public required JsonElement? Jwks { get; init; }

    [Description("Where its keys are fetched; null: given inline.")]
    public required string? JwksUri { get; init; }

    [Description("Trusted since (Unix time, milliseconds).")]
    public required long CreatedAt { get; init; }

    [Description("Who trusted it.")]
    public required string? CreatedBy { get; init; }

    public static SoftwareStatementIssuerView From(SoftwareStatementIssuer issuer) => new()
    {
        Id = issuer.Id,
        Issuer = issuer.Issuer,
        Jwks = issuer.Jwks is null ? null : JsonElement.Parse(issuer.Jwks),
        JwksUri = issuer.JwksUri,
        CreatedAt = issuer.CreatedAt.ToUnixTimeMilliseconds(),
        CreatedBy = issuer.CreatedBy,
    };
}

[Description("Trusted issuers.")]
internal sealed record SoftwareStatementIssuerList([property: Description("The issuers.")] IReadOnlyList<SoftwareStatementIssuerView> Issuers);
