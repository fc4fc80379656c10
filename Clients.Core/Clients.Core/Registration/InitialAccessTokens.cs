using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Registration;

/// <summary>Looking up and using initial access tokens: the one place their rules live.</summary>
public static class InitialAccessTokens
{
    public const string IdPrefix = "iat_";
    public const int MaxUsesLimit = 100_000;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);
    public const int MaxLifetimeSeconds = 365 * 24 * 3600;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(MaxLifetimeSeconds);

    /// <summary>The token presented, or why it cannot be used (an RFC 6750 <c>invalid_token</c> description).</summary>
    public static async Task<(InitialAccessToken? Token, string? Refusal)> FindAsync(
        ClientsDbContext db, string presented, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // By its SHA-256: the token itself is never stored, and the lookup reveals nothing of it (design.md §3).
        var hash = TokenHasher.Hash(presented);
        var token = await db.InitialAccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return token switch
        {
            null => (null, "The initial access token is not valid."),
            { RevokedAt: not null } => (null, "The initial access token has been revoked."),
            _ when token.ExpiresAt <= now => (null, "The initial access token has expired."),
            { RemainingUses: <= 0 } => (null, "The initial access token has been used up."),
            _ => (token, null),
        };
    }

    /// <summary>
    /// Takes one use of the token inside the caller's transaction, which also creates the client: the row
    /// lock this UPDATE takes makes concurrent registrations with the same token, on any replica, wait for
    /// each other, and the guard then lets exactly as many through as uses remain. A registration that fails
    /// later rolls its use back with it.
    /// </summary>
    /// <returns>The uses left after this one, or null when none was left (used up, revoked or expired meanwhile).</returns>
    public static async Task<int?> TakeUseAsync(ClientsDbContext db, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var left = await db.Database.SqlQuery<int>($"""
            UPDATE initial_access_tokens SET remaining_uses = remaining_uses - 1, last_used_at = {now}
            WHERE id = {id} AND revoked_at IS NULL AND expires_at > {now} AND remaining_uses > 0
            RETURNING remaining_uses AS "Value"
            """).ToListAsync(cancellationToken);
        return left.Count == 0 ? null : left[0];
    }
}
