namespace ClientPlatform.Clients.Infrastructure.RateLimiting;

/// <summary>The rate-limit policies, by name, with their defaults (seed 004 "Rate Limiting"; seed 000 §6).</summary>
public static class RateLimitPolicies
{
    /// <summary>POST /register, per client IP: open registration is the public door (DCR-06).</summary>
    public const string Register = "register";

    /// <summary>GET/PUT/DELETE /register/{id}, per client.</summary>
    public const string Manage = "manage";

    // Admin endpoints, per admin credential: seed 004's table.
    public const string AdminList = "admin-list";
    public const string AdminGet = "admin-get";
    public const string AdminCreate = "admin-create";
    public const string AdminUpdate = "admin-update";
    public const string AdminRegenerate = "admin-regenerate";
    public const string AdminDelete = "admin-delete";

    /// <summary>The admin endpoints the seed's table does not name (export, audit, keys).</summary>
    public const string AdminOther = "admin-other";

    /// <summary>
    /// POST /admin/clients/{id}/verify-secret, per credential: the authorization server asks on every client
    /// authentication, so the limit is a ceiling against a runaway caller, not a human's pace. Each check costs two
    /// BCrypt verifications (~130 ms of CPU at work factor 10), so 600 a minute is at most about 1.3 cores' worth, and
    /// SecretChecks caps what runs at once whatever the keys.
    /// </summary>
    public const string AdminVerifySecret = "admin-verify-secret";

    /// <summary>
    /// Failed credentials per caller address (<see cref="FailedCredentialLimit"/>): unknown, expired or revoked tokens and
    /// keys at /register/{id} and on the admin API. A credential that works never counts.
    /// </summary>
    public const string FailedCredentials = "failed-credentials";

    public static IReadOnlyDictionary<string, RateLimitPolicy> Defaults { get; } = new Dictionary<string, RateLimitPolicy>
    {
        [Register] = new() { PermitLimit = 20 },
        [Manage] = new() { PermitLimit = 60 },
        [AdminList] = new() { PermitLimit = 100 },
        [AdminGet] = new() { PermitLimit = 60 },
        [AdminCreate] = new() { PermitLimit = 10 },
        [AdminUpdate] = new() { PermitLimit = 30 },
        [AdminRegenerate] = new() { PermitLimit = 5 },
        [AdminDelete] = new() { PermitLimit = 10 },
        [AdminOther] = new() { PermitLimit = 60 },
        [AdminVerifySecret] = new() { PermitLimit = 600 },
        [FailedCredentials] = new() { PermitLimit = 20 },
    };
}

/// <summary>Who a policy counts: the caller's IP, the client in the route, or the admin credential.</summary>
public enum RateLimitPartition
{
    ClientIp,
    Client,
    AdminCredential,
}

/// <summary>Marks an endpoint as limited by a policy, counted per <see cref="Partition"/>.</summary>
public sealed record RateLimited(string Policy, RateLimitPartition Partition);
