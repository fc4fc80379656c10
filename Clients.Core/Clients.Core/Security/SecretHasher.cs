namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// Client secrets are stored only as BCrypt hashes, prefixed with their scheme so a later release can
/// move to another one (design.md §3). The work factor is a setting.
/// </summary>
public sealed class SecretHasher(int workFactor)
{
    public const string Scheme = "bcrypt$";
    public const int MinWorkFactor = 4;
    public const int MaxWorkFactor = 15;

    public int WorkFactor { get; } = workFactor is >= MinWorkFactor and <= MaxWorkFactor
        ? workFactor
        : throw new ArgumentOutOfRangeException(nameof(workFactor), $"The BCrypt work factor must be from {MinWorkFactor} to {MaxWorkFactor}.");

    public string Hash(string secret) => Scheme + BCrypt.Net.BCrypt.HashPassword(secret, WorkFactor);

    /// <summary>BCrypt's own comparison is constant-time over the hash.</summary>
    public static bool Verify(string secret, string? storedHash) =>
        storedHash is not null && storedHash.StartsWith(Scheme, StringComparison.Ordinal)
        && BCrypt.Net.BCrypt.Verify(secret, storedHash[Scheme.Length..]);
}
