using System.Security.Cryptography;
using System.Text;

namespace ClientPlatform.Clients.Core.Idempotency;

/// <summary>
/// The rules of <c>Idempotency-Key</c> (draft-ietf-httpapi-idempotency-key-header): how long a key holds its first answer,
/// what a key may look like, how it is found without being stored, and how the answer it holds is sealed with it.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>A repeat within this time of the first request receives the first answer (issue 34: 24 h).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>
    /// At least this many characters: the key is what lets a repeat read the first answer (a new client's secret and
    /// registration access token among it), so it must be as hard to guess as a UUID's text.
    /// </summary>
    public const int MinLength = 16;

    public const int MaxLength = 255;

    private static readonly byte[] SealInfo = "ClientPlatform idempotent answer v1"u8.ToArray();
    private const int SaltBytes = 16, NonceBytes = 12, TagBytes = 16;

    /// <summary>
    /// The key in a header value: a Structured Field String (RFC 8941 §3.3.3, the draft's form: <c>"…"</c>, with
    /// <c>\"</c> and <c>\\</c>), or the same characters unquoted as many clients send them. Null and why when it is not one.
    /// </summary>
    public static (string? Key, string? Problem) Parse(string value)
    {
        string key;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            var text = new StringBuilder(value.Length);
            for (var i = 1; i < value.Length - 1; i++)
            {
                var c = value[i];
                if (c == '\\')
                {
                    if (++i >= value.Length - 1 || value[i] is not ('"' or '\\'))
                        return (null, $"{Header}: a backslash in a quoted key escapes only \" or \\ (RFC 8941 §3.3.3)");
                    c = value[i];
                }
                else if (c == '"')
                    return (null, $"{Header}: a quote inside a quoted key must be escaped (RFC 8941 §3.3.3)");
                text.Append(c);
            }
            key = text.ToString();
        }
        else if (value.Contains(','))
            // Two Idempotency-Key fields arrive joined by a comma (RFC 9110 §5.3): one request, one key.
            return (null, $"{Header}: send one key, once");
        else
            key = value;
        if (key.Length is < MinLength or > MaxLength)
            return (null, $"{Header}: must be {MinLength} to {MaxLength} characters, as hard to guess as a UUID");
        if (key.Any(c => c is < ' ' or > '~'))
            return (null, $"{Header}: printable ASCII only (RFC 8941 §3.3.3)");
        return (key, null);
    }

    /// <summary>Where the key's first answer is found: the route and the caller's credential (none for anonymous registration) with the key.</summary>
    public static byte[] Hash(string route, string? credential, string key) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{route}\n{credential}\n{key}"));

    /// <summary>What the request asked for: its method, path and body.</summary>
    public static byte[] Fingerprint(string method, string path, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method} {path}\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The answer encrypted (AES-256-GCM) under a key derived from the caller's key (HKDF-SHA256 with a random salt):
    /// salt, nonce, tag and ciphertext. Only a caller holding the key can read it.
    /// </summary>
    public static byte[] Seal(string key, ReadOnlySpan<byte> answer)
    {
        var sealedAnswer = new byte[SaltBytes + NonceBytes + TagBytes + answer.Length];
        var span = sealedAnswer.AsSpan();
        var salt = span[..SaltBytes];
        var nonce = span.Slice(SaltBytes, NonceBytes);
        var tag = span.Slice(SaltBytes + NonceBytes, TagBytes);
        var cipher = span[(SaltBytes + NonceBytes + TagBytes)..];
        RandomNumberGenerator.Fill(salt);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(key, salt), TagBytes);
        aes.Encrypt(nonce, answer, cipher, tag);
        return sealedAnswer;
    }

    /// <summary>The answer <see cref="Seal"/> sealed with <paramref name="key"/>, or null when it was sealed with another or altered.</summary>
    public static byte[]? Open(string key, ReadOnlySpan<byte> sealedAnswer)
    {
        if (sealedAnswer.Length < SaltBytes + NonceBytes + TagBytes)
            return null;
        var salt = sealedAnswer[..SaltBytes];
        var nonce = sealedAnswer.Slice(SaltBytes, NonceBytes);
        var tag = sealedAnswer.Slice(SaltBytes + NonceBytes, TagBytes);
        var cipher = sealedAnswer[(SaltBytes + NonceBytes + TagBytes)..];
        var answer = new byte[cipher.Length];
        using var aes = new AesGcm(DeriveKey(key, salt), TagBytes);
        try
        {
            aes.Decrypt(nonce, cipher, tag, answer);
            return answer;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] DeriveKey(string key, ReadOnlySpan<byte> salt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key), 32, salt.ToArray(), SealInfo);
}
