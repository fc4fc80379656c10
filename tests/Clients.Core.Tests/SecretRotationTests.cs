using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>Rotation with a grace period and verification of either secret, at chosen moments (the clock is a parameter).</summary>
public sealed class SecretRotationTests
{
    private static readonly SecretHasher Hasher = new(SecretHasher.MinWorkFactor);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromHours(24);

    [Fact]
    public void Rotate_WithGrace_BothVerifyInsideThePeriodOnlyTheNewAfter()
    {
        var (client, old) = Confidential();
        var fresh = ClientCredentials.RotateSecret(client, Hasher, Now, TimeSpan.Zero, Grace);

        Assert.Equal(SecretMatch.Previous, ClientCredentials.VerifySecret(client, old, Now + Grace - TimeSpan.FromSeconds(1)));
        Assert.Equal(SecretMatch.Current, ClientCredentials.VerifySecret(client, fresh, Now + Grace - TimeSpan.FromSeconds(1)));
        Assert.Equal(SecretMatch.None, ClientCredentials.VerifySecret(client, old, Now + Grace));
        Assert.Equal(SecretMatch.Current, ClientCredentials.VerifySecret(client, fresh, Now + Grace));
    }

    [Fact]
    public void Rotate_WithoutGrace_TheOldSecretStopsAtOnce()
    {
        var (client, old) = Confidential();
        ClientCredentials.RotateSecret(client, Hasher, Now, TimeSpan.Zero, TimeSpan.Zero);
        Assert.Equal(SecretMatch.None, ClientCredentials.VerifySecret(client, old, Now));
        Assert.Null(client.PreviousSecretHash);
    }

    [Fact]
    public void Rotate_SecretThatExpiresSooner_KeepsItsOwnExpiry()
    {
        var (client, old) = Confidential(expiresAt: Now + TimeSpan.FromHours(1));
        ClientCredentials.RotateSecret(client, Hasher, Now, TimeSpan.Zero, Grace);
        Assert.Equal(Now + TimeSpan.FromHours(1), client.PreviousSecretExpiresAt);
        Assert.Equal(SecretMatch.None, ClientCredentials.VerifySecret(client, old, Now + TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Rotate_Twice_OnlyTheLastTwoSecretsWork()
    {
        var (client, first) = Confidential();
        var second = ClientCredentials.RotateSecret(client, Hasher, Now, TimeSpan.Zero, Grace);
        var third = ClientCredentials.RotateSecret(client, Hasher, Now + TimeSpan.FromMinutes(1), TimeSpan.Zero, Grace);
        var later = Now + TimeSpan.FromMinutes(2);
        Assert.Equal(SecretMatch.None, ClientCredentials.VerifySecret(client, first, later));
        Assert.Equal(SecretMatch.Previous, ClientCredentials.VerifySecret(client, second, later));
        Assert.Equal(SecretMatch.Current, ClientCredentials.VerifySecret(client, third, later));
    }

    [Fact]
    public void Verify_ExpiredCurrentSecret_DoesNotMatch()
    {
        var (client, secret) = Confidential(expiresAt: Now);
        Assert.Equal(SecretMatch.None, ClientCredentials.VerifySecret(client, secret, Now));
    }

    private static (Client Client, string Secret) Confidential(DateTimeOffset? expiresAt = null)
    {
        var client = new Client { ClientId = "c1", TokenEndpointAuthMethod = "client_secret_basic" };
        var secret = ClientCredentials.IssueSecret(client, Hasher, Now, TimeSpan.Zero);
        client.SecretExpiresAt = expiresAt;
        return (client, secret);
    }
}
