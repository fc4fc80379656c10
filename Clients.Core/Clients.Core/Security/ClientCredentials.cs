using System.Security.Cryptography;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// Issues, rotates, adds, retires and checks a client's secrets (its credential set, <see cref="Client.Secrets"/>) and
/// issues its registration access token; only their hashes are kept. The promise every answer keeps: an expiry it
/// announces for a secret holds to the second, whatever is rotated or added after it (issue 34).
/// </summary>
public static class ClientCredentials
{
    private const string SecretIdPrefix = "cs_";
    private const string SecretIdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>The client's only secret from now: any other it had stops working with this change.</summary>
    /// <returns>The secret in clear, to be shown once (design.md §3).</returns>
    public static IssuedSecret IssueSecret(Client client, SecretHasher hasher, DateTimeOffset now, TimeSpan lifetime)
    {
        client.Secrets.Clear();
        return Add(client, hasher, now, lifetime > TimeSpan.Zero ? now + lifetime : null);
    }

    /// <summary>
    /// A new current secret. With a grace period, the secret it replaces keeps working for that long (never longer than
    /// it would have anyway), so a client's deployments can roll the new one out first; without one, it stops now. Older
    /// secrets keep the expiry their own rotation announced. Refused, changing nothing, when the client would then hold
    /// more than <paramref name="maxSecrets"/> live secrets.
    /// </summary>
    public static SecretRotation RotateSecret(Client client, SecretHasher hasher, DateTimeOffset now, TimeSpan lifetime, TimeSpan grace, int maxSecrets)
    {
        var live = LiveSecrets(client, now);
        // An expired current secret has nothing left to hand over: it is not given a grace period again.
        var replaced = live.Count > 0 && ReferenceEquals(live[^1], client.CurrentSecret()) ? live[^1] : null;
        var staying = live.Count - (replaced is not null && grace <= TimeSpan.Zero ? 1 : 0);
        if (staying + 1 > maxSecrets)
            return new SecretRotation(null, null, Full(client, maxSecrets, now));
        if (replaced is not null)
        {
            if (grace <= TimeSpan.Zero)
                client.Secrets.Remove(replaced);
            else if (replaced.ExpiresAt is not { } ends || ends > now + grace)
                replaced.ExpiresAt = now + grace;
        }
        var issued = Add(client, hasher, now, lifetime > TimeSpan.Zero ? now + lifetime : null);
        return new SecretRotation(issued, grace > TimeSpan.Zero ? replaced : null, null);
    }

    /// <summary>
    /// Another secret beside the ones the client has, which stay as they are; it becomes the current one. Null, changing
    /// nothing, when the client already holds <paramref name="maxSecrets"/> live secrets.
    /// </summary>
    public static IssuedSecret? AddSecret(Client client, SecretHasher hasher, DateTimeOffset now, DateTimeOffset? expiresAt, int maxSecrets)
    {
        return LiveSecrets(client, now).Count + 1 > maxSecrets ? null : Add(client, hasher, now, expiresAt);
    }

    /// <summary>Why another secret cannot be added now: the set is full, and when its first secret stops working.</summary>
    public static string Full(Client client, int maxSecrets, DateTimeOffset now)
    {
        var next = LiveSecrets(client, now).Where(s => s.ExpiresAt is not null).Select(s => s.ExpiresAt!.Value).Order().FirstOrDefault();
        return $"The client already holds {maxSecrets} live secrets, the most it may; "
            + (next == default ? "retire one first." : $"the first stops working at {next.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, or retire one first.");
    }

    /// <summary>Retires one secret now. False: the client has no live secret of that id.</summary>
    public static bool RetireSecret(Client client, string secretId, DateTimeOffset now)
    {
        return client.Secrets.RemoveAll(s => s.Id == secretId && s.IsLiveAt(now)) > 0;
    }

    public static void RemoveSecret(Client client) => client.Secrets.Clear();

    /// <summary>The client's secrets that work at <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<ClientSecret> LiveSecrets(Client client, DateTimeOffset now) => [.. client.Secrets.Where(s => s.IsLiveAt(now))];

    /// <summary>
    /// Which of the client's live secrets <paramref name="presented"/> is, or null. Every live secret is checked, so the
    /// time taken does not tell which matched; each check is BCrypt's, whose comparison is constant-time.
    /// </summary>
    public static ClientSecret? VerifySecret(Client client, string presented, DateTimeOffset now)
    {
        ClientSecret? matched = null;
        foreach (var secret in client.Secrets.Where(s => s.IsLiveAt(now)))
            if (SecretHasher.Verify(presented, secret.Hash))
                matched = secret;
        return matched;
    }

    /// <returns>The token in clear; any earlier token of the client stops working with this change.</returns>
    public static string IssueRegistrationToken(Client client, DateTimeOffset now, TimeSpan idleLifetime)
    {
        var token = SecretGenerator.NewSecret();
        client.RegistrationTokenHash = TokenHasher.Hash(token);
        client.RegistrationTokenExpiresAt = idleLifetime > TimeSpan.Zero ? now + idleLifetime : null;
        return token;
    }

    private static IssuedSecret Add(Client client, SecretHasher hasher, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var value = SecretGenerator.NewSecret();
        var secret = new ClientSecret
        {
            Id = SecretIdPrefix + RandomNumberGenerator.GetString(SecretIdAlphabet, 16), Hash = hasher.Hash(value), CreatedAt = now, ExpiresAt = expiresAt,
        };
        client.Secrets.Add(secret);
        return new IssuedSecret(secret, value);
    }

    /// <summary>
    /// Takes the secrets past their expiry out of the set and returns them, for their <c>secret_expired</c> audit. Only the
    /// sweep does (ClientCredentialExpiry): until it comes, an expired secret stays in the set, unused and uncounted, so
    /// that no expiry leaves the set without its audit row.
    /// </summary>
    public static IReadOnlyList<ClientSecret> RemoveExpired(Client client, DateTimeOffset now)
    {
        var expired = client.Secrets.Where(s => !s.IsLiveAt(now)).ToList();
        client.Secrets.RemoveAll(expired.Contains);
        return expired;
    }
}

/// <summary>A secret just made: its record, and its value in clear, to be shown once.</summary>
public sealed record IssuedSecret(ClientSecret Secret, string Value);

/// <summary>
/// What a rotation did: the new secret, and the one it replaced with the expiry it now has (null when that one stopped at
/// once, or there was none) — or, with both null, why it was refused.
/// </summary>
public sealed record SecretRotation(IssuedSecret? Issued, ClientSecret? Replaced, string? Refusal);
