namespace ClientPlatform.Clients.Core.Security;

/// <summary>Issues a client's secret and registration access token; only their hashes are kept.</summary>
public static class ClientCredentials
{
    /// <returns>The secret in clear, to be shown once (design.md §3).</returns>
    public static string IssueSecret(Client client, SecretHasher hasher, DateTimeOffset now, TimeSpan lifetime)
    {
        var secret = SecretGenerator.NewSecret();
        client.SecretHash = hasher.Hash(secret);
        client.SecretExpiresAt = lifetime > TimeSpan.Zero ? now + lifetime : null;
        return secret;
    }

    /// <summary>
    /// Replaces the secret. With a grace period, the current secret stays valid for that long (never longer than it
    /// would have anyway), so a client can roll the new one out before the old one stops working; without one, the
    /// old secret dies with this change. A secret rotated again within its grace period replaces the previous one.
    /// </summary>
    /// <returns>The new secret in clear, to be shown once.</returns>
    public static string RotateSecret(Client client, SecretHasher hasher, DateTimeOffset now, TimeSpan lifetime, TimeSpan grace)
    {
        var currentValid = client.SecretHash is not null && (client.SecretExpiresAt is null || client.SecretExpiresAt > now);
        if (grace > TimeSpan.Zero && currentValid)
        {
            client.PreviousSecretHash = client.SecretHash;
            client.PreviousSecretExpiresAt = client.SecretExpiresAt is { } expires && expires < now + grace ? expires : now + grace;
        }
        else
        {
            client.PreviousSecretHash = null;
            client.PreviousSecretExpiresAt = null;
        }
        return IssueSecret(client, hasher, now, lifetime);
    }

    public static void RemoveSecret(Client client)
    {
        client.SecretHash = null;
        client.SecretExpiresAt = null;
        client.PreviousSecretHash = null;
        client.PreviousSecretExpiresAt = null;
    }

    /// <summary>
    /// Which of the client's secrets <paramref name="presented"/> is: the current one (unexpired), the previous one
    /// within its grace period, or neither. Both are always checked when both exist, so the time taken does not
    /// tell which matched; each check is BCrypt's, whose comparison is constant-time.
    /// </summary>
    public static SecretMatch VerifySecret(Client client, string presented, DateTimeOffset now)
    {
        var current = client.SecretHash is not null && SecretHasher.Verify(presented, client.SecretHash);
        var previous = client.PreviousSecretHash is not null && SecretHasher.Verify(presented, client.PreviousSecretHash);
        if (current && (client.SecretExpiresAt is null || client.SecretExpiresAt > now))
            return SecretMatch.Current;
        if (previous && client.PreviousSecretExpiresAt > now)
            return SecretMatch.Previous;
        return SecretMatch.None;
    }

    /// <returns>The token in clear; any earlier token of the client stops working with this change.</returns>
    public static string IssueRegistrationToken(Client client, DateTimeOffset now, TimeSpan idleLifetime)
    {
        var token = SecretGenerator.NewSecret();
        client.RegistrationTokenHash = TokenHasher.Hash(token);
        client.RegistrationTokenExpiresAt = idleLifetime > TimeSpan.Zero ? now + idleLifetime : null;
        return token;
    }
}

/// <summary>What a presented client secret turned out to be.</summary>
public enum SecretMatch
{
    None,
    Current,
    Previous,
}
