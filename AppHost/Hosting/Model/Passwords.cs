using System.Security.Cryptography;

namespace ClientPlatform.Hosting;

internal static class Passwords
{
    /// <summary>256 random bits, URL-safe, so it needs no escaping in any connection string.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
