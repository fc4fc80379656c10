using System.Text.Json;
using ClientPlatform.Clients.Core.OAuth;
using ClientPlatform.Clients.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>
/// Verifies a software statement (RFC 7591 §2.3): a JWS by an issuer an administrator trusts, signed with an
/// asymmetric algorithm by one of its keys, within its lifetime. Signature and claim checks are the
/// IdentityModel library's; this class decides which issuers, keys and algorithms count.
/// </summary>
public sealed class SoftwareStatementVerifier(JwksSource jwks, TimeProvider time)
{
    /// <summary>
    /// Asymmetric signatures only: <c>none</c> proves nothing, and an HMAC key would have to be shared with every
    /// registrant, which could then sign statements of its own.
    /// </summary>
    public static readonly IReadOnlySet<string> Algorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    };

    /// <summary>JWT claims about the statement itself (RFC 7519 §4.1), not client metadata; they never overwrite the request.</summary>
    private static readonly HashSet<string> RegisteredClaims = new(StringComparer.Ordinal) { "iss", "sub", "aud", "exp", "nbf", "iat", "jti" };

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>The statement's metadata claims as a JSON object, or the RFC 7591 §3.2.2 error refusing it.</summary>
    public async Task<(JsonDocument? Claims, MetadataError? Error)> VerifyAsync(
        string statement, ClientsDbContext db, CancellationToken cancellationToken)
    {
        var handler = new JsonWebTokenHandler();
        if (statement.Length > ClientLimits.SoftwareStatementMaxLength || !handler.CanReadToken(statement))
            return Invalid("not a compact JWS (RFC 7515 §7.1)");
        JsonWebToken jwt;
        try
        {
            jwt = handler.ReadJsonWebToken(statement);
        }
        catch (ArgumentException)
        {
            return Invalid("not a compact JWS (RFC 7515 §7.1)");
        }
        if (jwt.IsEncrypted)
            return Invalid("an encrypted statement (JWE) is not accepted; sign it (JWS)");
        if (!Algorithms.Contains(jwt.Alg))
            return Invalid($"alg '{jwt.Alg}' is not accepted: sign with one of {string.Join(", ", Algorithms)}");
        if (StatementHeader.Problem(jwt) is { } headerProblem)
            return Invalid(headerProblem);
        if (string.IsNullOrEmpty(jwt.Issuer))
            return Invalid("the iss claim is required");
        var issuer = await db.SoftwareStatementIssuers.AsNoTracking().FirstOrDefaultAsync(i => i.Issuer == jwt.Issuer, cancellationToken);
        if (issuer is null)
            return (null, new MetadataError(OAuthErrors.UnapprovedSoftwareStatement,
                $"{ClientMetadataNames.SoftwareStatement}: the issuer '{jwt.Issuer}' is not trusted by this server"));

        try
        {
            var (result, refusal) = await ValidateAsync(handler, statement, jwt, issuer, refresh: false, cancellationToken);
            // A key id the cached set lacks: the issuer may have rotated its keys since they were fetched.
            if (result is { IsValid: false, Exception: SecurityTokenSignatureKeyNotFoundException } && issuer.JwksUri is not null)
                (result, refusal) = await ValidateAsync(handler, statement, jwt, issuer, refresh: true, cancellationToken);
            if (refusal is not null)
                return Invalid(refusal);
            if (!result!.IsValid)
                return Invalid(Reason(result.Exception));
        }
        catch (JwksUnavailableException e)
        {
            return Invalid(e.Message);
        }

        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        if (payload.RootElement.ValueKind != JsonValueKind.Object)
            return Invalid("the claims must be a JSON object");
        // RFC 7519 §4: claim names must be unique; a duplicate could mean one thing to the signer and another here.
        if (StatementHeader.DuplicateMember(payload.RootElement) is { } duplicate)
        {
            payload.Dispose();
            return Invalid($"the claim '{duplicate}' appears more than once (RFC 7519 §4)");
        }
        return (payload, null);
    }

    /// <summary>
    /// The registration request with the statement's claims in place of the same members (RFC 7591 §3.1.1: the
    /// statement's values "MUST take precedence"), the statement itself kept as received.
    /// </summary>
    public static JsonDocument Merge(JsonElement request, JsonElement claims)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var overridden = claims.EnumerateObject().Select(c => c.Name).Where(n => !RegisteredClaims.Contains(n)).ToHashSet(StringComparer.Ordinal);
            foreach (var member in request.EnumerateObject().Where(m => !overridden.Contains(m.Name)))
                member.WriteTo(json);
            foreach (var claim in claims.EnumerateObject().Where(c => overridden.Contains(c.Name) && c.Name != ClientMetadataNames.SoftwareStatement))
                claim.WriteTo(json);
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray());
    }

    /// <summary>The library's verdict with the issuer's keys, or why the statement cannot be matched to one key.</summary>
    private async Task<(TokenValidationResult? Result, string? Refusal)> ValidateAsync(
        JsonWebTokenHandler handler, string statement, JsonWebToken jwt, SoftwareStatementIssuer issuer, bool refresh, CancellationToken cancellationToken)
    {
        // The key is looked for among the issuer's registered keys only: jku, x5u, jwk and x5c in the header are never
        // followed or trusted (RFC 8725 §3.10), so a statement cannot bring the key it is to be checked with.
        var keys = issuer.Jwks is not null
            ? (IReadOnlyList<SecurityKey>)[.. new JsonWebKeySet(issuer.Jwks).GetSigningKeys()]
            : await jwks.GetAsync(issuer.JwksUri!, refresh, cancellationToken);
        // With several keys the statement must say which one (RFC 7515 §4.1.4), and is checked against that one only.
        if (keys.Count > 1 && string.IsNullOrEmpty(jwt.Kid))
            return (null, $"the header must name its key with kid: the issuer has {keys.Count} keys (RFC 7515 §4.1.4)");
        return (await handler.ValidateTokenAsync(statement, new TokenValidationParameters
        {
            ValidIssuer = issuer.Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = keys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            // A statement may be long-lived (RFC 7591 §2.3 names no lifetime), but one that says it expired has.
            RequireExpirationTime = false,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now + ClockSkew) && (expires is null || expires > now - ClockSkew);
            },
            TryAllIssuerSigningKeys = keys.Count == 1,
        }), null);
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "the statement has expired or is not valid yet",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the signature does not verify with any of the issuer's keys",
        SecurityTokenInvalidAlgorithmException => "the signing algorithm is not accepted",
        _ => "the statement could not be verified",
    };

    private static (JsonDocument?, MetadataError) Invalid(string reason) =>
        (null, new MetadataError(OAuthErrors.InvalidSoftwareStatement, $"{ClientMetadataNames.SoftwareStatement}: {reason}"));
}
