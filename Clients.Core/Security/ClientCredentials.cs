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

    public static void RemoveSecret(Client client)
    {
        client.SecretHash = null;
        client.SecretExpiresAt = null;
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
