namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// An issuer whose software statements (RFC 7591 §2.3) an administrator trusts, with its keys: a JWK Set given
/// inline, or the URL one is fetched from. A statement whose <c>iss</c> is not one of these is unapproved.
/// </summary>
public sealed class SoftwareStatementIssuer
{
    public required string Id { get; set; }

    /// <summary>The <c>iss</c> value the statements carry, compared exactly (RFC 7519 §4.1.1: case-sensitive).</summary>
    public required string Issuer { get; set; }

    /// <summary>The issuer's public keys as a JWK Set document (RFC 7517 §5), or null when <see cref="JwksUri"/> is set.</summary>
    public string? Jwks { get; set; }

    public string? JwksUri { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
