using System.Security.Cryptography;
using System.Text;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// Registration access tokens and admin keys are stored only as SHA-256: they carry 256 random bits, so a
/// slow hash adds nothing but a denial-of-service lever on every request (design.md §3). Looked up by hash.
/// </summary>
public static class TokenHasher
{
    public const string Scheme = "sha256$";

    public static string Hash(string token) =>
        Scheme + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison of a presented token with a stored hash.</summary>
    public static bool Matches(string token, string? storedHash) => HashMatches(Hash(token), storedHash);

    /// <summary>Constant-time comparison of a presented token's <see cref="Hash"/> with a stored hash.</summary>
    public static bool HashMatches(string presentedHash, string? storedHash) =>
        storedHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presentedHash), Encoding.ASCII.GetBytes(storedHash));
}
