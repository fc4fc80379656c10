using System.Security.Cryptography;
using System.Text;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Admin;

/// <summary>Who presented an admin credential (the audit actor: a key id, never the secret) and what it may do.</summary>
public sealed record AdminPrincipal(string Actor, IReadOnlyList<string> Scopes)
{
    public bool Has(string scope) => Scopes.Contains(scope);
}

/// <summary>The outcome of checking a bearer value as an admin credential.</summary>
public readonly record struct AdminVerification(AdminPrincipal? Principal, string? Failure)
{
    /// <summary>The value is no admin credential at all (as opposed to a known key that is revoked or expired).</summary>
    public bool Unknown => Principal is null && Failure == AdminCredentials.NotValid;
}

/// <summary>
/// The one check of an admin credential, used by the admin API and by the registration API (which accepts
/// <c>client:admin</c> on /register/{id}, seed 000 §6): the bootstrap secret (ADMIN_API_SECRET, compared in
/// constant time, every scope) or an admin API key (looked up by its SHA-256 hash; not revoked, not expired;
/// <c>client:admin</c> holds every other scope, design.md §7 C-10).
/// </summary>
public sealed class AdminCredentials(ClientsDbContext db, TimeProvider time)
{
    /// <summary>The setting (environment variable) that carries the bootstrap secret.</summary>
    public const string BootstrapSecretSetting = "ADMIN_API_SECRET";

    /// <summary>The audit actor of the bootstrap secret.</summary>
    public const string BootstrapActor = "bootstrap";

    public const string NotValid = "The admin credential is not valid.";
    public const string Expired = "The admin API key has expired.";

    public async Task<AdminVerification> VerifyAsync(string presented, string? bootstrapSecret, CancellationToken cancellationToken)
    {
        if (bootstrapSecret is { Length: > 0 }
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bootstrapSecret)))
            return new(new AdminPrincipal(BootstrapActor, AdminScopes.All), null);

        var hash = TokenHasher.Hash(presented);
        var key = await db.AdminApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (key is null || !TokenHasher.Matches(presented, key.KeyHash) || key.RevokedAt is not null)
            return new(null, NotValid);
        if (key.ExpiresAt is { } expires && expires <= time.GetUtcNow())
            return new(null, Expired);
        return new(new AdminPrincipal(key.Id, key.Scopes.Contains(AdminScopes.ClientAdmin) ? AdminScopes.All : key.Scopes), null);
    }
}
