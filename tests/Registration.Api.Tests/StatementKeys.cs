using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClientPlatform.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Two issuers of software statements and their keys, made once per test run: one whose RSA key is trusted inline,
/// one whose EC key the platform fetches from a jwks_uri served here on loopback; and a key nobody trusts.
/// Statements are signed with Microsoft.IdentityModel, as an issuer's own tooling would.
/// </summary>
internal static class StatementKeys
{
    public const string RsaIssuer = "https://statements.example.com";
    public const string EcIssuer = "https://ec-statements.example.com";

    public static readonly RSA Rsa = RSA.Create(2048);
    public static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly RSA Stranger = RSA.Create(2048);

    private static readonly Lazy<string> JwksUrl = new(ServeEcJwks);

    public static string RsaJwks => new JsonObject { ["keys"] = new JsonArray(RsaJwk(Rsa, "rsa-1")) }.ToJsonString();

    public static string EcJwksUri => JwksUrl.Value;

    /// <summary>An issuer that publishes two keys inline: its statements must name theirs with kid.</summary>
    public const string TwoKeyIssuer = "https://two-keys.example.com";

    public static readonly RSA Second = RSA.Create(2048);

    public static string TwoKeyJwks => new JsonObject { ["keys"] = new JsonArray(RsaJwk(Rsa, "rsa-1"), RsaJwk(Second, "rsa-2")) }.ToJsonString();

    public static string Sign(string issuer, IDictionary<string, object> claims, SigningCredentials credentials, DateTime? expires = null,
        IDictionary<string, object>? header = null, string? type = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Claims = claims,
            SigningCredentials = credentials,
            AdditionalHeaderClaims = header,
            TokenType = type,
            IssuedAt = expires is { } e && e < now ? e.AddHours(-1) : now,
            NotBefore = expires is { } past && past < now ? past.AddHours(-1) : now,
            Expires = expires ?? now.AddDays(30),
        });
    }

    public static SigningCredentials RsaCredentials(RSA key, string kid, string alg = SecurityAlgorithms.RsaSha256) =>
        new(new RsaSecurityKey(key) { KeyId = kid }, alg);

    public static SigningCredentials EcCredentials => new(new ECDsaSecurityKey(Ec) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha256);

    /// <summary>A statement with alg "none": header and claims, no signature (RFC 7519 §6).</summary>
    public static string Unsigned(string issuer, string claimsJson)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var claims = JsonNode.Parse(claimsJson)!.AsObject();
        claims["iss"] = issuer;
        return $"{header}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.";
    }

    /// <summary>
    /// A statement whose header and claims are exactly the JSON given (a duplicate member survives), signed RS256 by
    /// <paramref name="key"/>: what no library would produce, but a hostile signer can.
    /// </summary>
    public static string SignRaw(string headerJson, string claimsJson, RSA key)
    {
        var signingInput = $"{Base64UrlEncoder.Encode(headerJson)}.{Base64UrlEncoder.Encode(claimsJson)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A public JWK of <paramref name="key"/>, as a statement's header could embed it.</summary>
    public static JsonObject PublicJwk(RSA key, string kid) => RsaJwk(key, kid);

    /// <summary>The statement with its claims replaced, its header and signature kept: what a tamperer sends.</summary>
    public static string Tampered(string statement, Action<JsonObject> change)
    {
        var parts = statement.Split('.');
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        change(claims);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.{parts[2]}";
    }

    private static JsonObject RsaJwk(RSA key, string kid)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid, ["alg"] = "RS256",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private static JsonObject EcJwk()
    {
        var parameters = Ec.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "EC", ["use"] = "sig", ["kid"] = "ec-1", ["alg"] = "ES256", ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X), ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }

    /// <summary>The EC issuer's JWK Set at http://127.0.0.1:{port}/jwks.json, for the life of the test process.</summary>
    private static string ServeEcJwks()
    {
        var port = FreeTcpPort.Next();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var document = Encoding.UTF8.GetBytes(new JsonObject { ["keys"] = new JsonArray(EcJwk()) }.ToJsonString());
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                context.Response.ContentType = "application/jwk-set+json";
                await context.Response.OutputStream.WriteAsync(document);
                context.Response.Close();
            }
        });
        return $"http://127.0.0.1:{port}/jwks.json";
    }
}
