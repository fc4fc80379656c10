using System.Security.Cryptography;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>Client secrets, registration access tokens and admin keys: 256 random bits, base64url (RFC 6750 b64token).</summary>
public static class SecretGenerator
{
    public const int Bytes = 32;

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>A client id: 128 random bits, so one is never issued twice (RFC 7591 §3.2.1 "unique").</summary>
    public static string NewClientId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
