using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>
/// A client's credential set (issue 34) at chosen moments (the clock is a parameter): rotation with a grace period,
/// secrets added and retired, and the promise every answer makes — an expiry it announces holds to the second.
/// </summary>
public sealed class SecretRotationTests
{
    private const int Max = 3;
    private static readonly SecretHasher Hasher = new(SecretHasher.MinWorkFactor);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromHours(24);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Rotate_WithGrace_BothVerifyInsideThePeriodOnlyTheNewAfter()
    {
        var (client, old) = Confidential();
        var fresh = Rotate(client, Now, Grace);

        Assert.Equal(Now + Grace, fresh.Replaced!.ExpiresAt);
        Assert.Same(fresh.Replaced, ClientCredentials.VerifySecret(client, old, Now + Grace - Second));
        Assert.Same(fresh.Issued!.Secret, ClientCredentials.VerifySecret(client, fresh.Issued.Value, Now + Grace - Second));
        Assert.Null(ClientCredentials.VerifySecret(client, old, Now + Grace));
        Assert.Same(client.CurrentSecret(), ClientCredentials.VerifySecret(client, fresh.Issued.Value, Now + Grace));
    }

    [Fact]
    public void Rotate_WithoutGrace_TheOldSecretStopsAtOnce()
    {
        var (client, old) = Confidential();
        var rotated = Rotate(client, Now, TimeSpan.Zero);

        Assert.Null(ClientCredentials.VerifySecret(client, old, Now));
        Assert.Null(rotated.Replaced);
        Assert.Single(client.Secrets);
    }

    [Fact]
    public void Rotate_SecretThatExpiresSooner_KeepsItsOwnExpiry()
    {
        var (client, old) = Confidential(expiresAt: Now + TimeSpan.FromHours(1));
        var rotated = Rotate(client, Now, Grace);

        Assert.Equal(Now + TimeSpan.FromHours(1), rotated.Replaced!.ExpiresAt);
        Assert.Null(ClientCredentials.VerifySecret(client, old, Now + TimeSpan.FromHours(2)));
    }

    /// <summary>
    /// The issue's scenario: an administrator rotates (the answer promises the first secret until Now + grace), the
    /// client rotates at once after; the first secret must still work until the promised moment, not stop 20 s early.
    /// </summary>
    [Fact]
    public void RotateTwiceInARow_EveryAnnouncedExpiryHoldsToTheSecond()
    {
        var (client, first) = Confidential();
        var byAdmin = Rotate(client, Now, Grace);
        var byClient = Rotate(client, Now + TimeSpan.FromMilliseconds(200), Grace);
        var promisedFirst = byAdmin.Replaced!.ExpiresAt!.Value;
        var promisedSecond = byClient.Replaced!.ExpiresAt!.Value;

        Assert.NotNull(ClientCredentials.VerifySecret(client, first, promisedFirst - Second));
        Assert.NotNull(ClientCredentials.VerifySecret(client, byAdmin.Issued!.Value, promisedSecond - Second));
        Assert.NotNull(ClientCredentials.VerifySecret(client, byClient.Issued!.Value, promisedSecond + Grace));
        Assert.Null(ClientCredentials.VerifySecret(client, first, promisedFirst));
        Assert.Null(ClientCredentials.VerifySecret(client, byAdmin.Issued.Value, promisedSecond));
        Assert.Equal(Now + Grace, promisedFirst);
    }

    [Fact]
    public void Rotate_SetFull_RefusedAndNothingChanges_ThenAllowedOnceTheFirstHasExpired()
    {
        var (client, _) = Confidential();
        Rotate(client, Now, Grace);
        Rotate(client, Now + Second, Grace);
        var before = client.Secrets.Select(s => (s.Id, s.ExpiresAt)).ToList();

        var refused = Rotate(client, Now + 2 * Second, Grace);
        var afterRefusal = client.Secrets.Select(s => (s.Id, s.ExpiresAt)).ToList();
        var later = Rotate(client, Now + Grace, Grace);

        Assert.Null(refused.Issued);
        Assert.Contains("already holds 3 live secrets", refused.Refusal);
        Assert.Equal(before, afterRefusal);
        Assert.NotNull(later.Issued);
        Assert.Equal(3, ClientCredentials.LiveSecrets(client, Now + Grace).Count);
        // The expired one stays in the set, unused and uncounted, until the sweep takes it out for its audit row.
        var expired = Assert.Single(ClientCredentials.RemoveExpired(client, Now + Grace));
        Assert.Equal(before[0].Id, expired.Id);
        Assert.Equal(3, client.Secrets.Count);
    }

    [Fact]
    public void AddAndRetire_TheOthersKeepTheirExpiry_TheAddedIsCurrent_RetiredStopsNow()
    {
        var (client, first) = Confidential();
        var added = ClientCredentials.AddSecret(client, Hasher, Now, Now + TimeSpan.FromDays(90), Max)!;

        Assert.Same(added.Secret, client.CurrentSecret());
        Assert.NotNull(ClientCredentials.VerifySecret(client, first, Now + TimeSpan.FromDays(365)));
        var firstId = client.Secrets[0].Id;
        Assert.True(ClientCredentials.RetireSecret(client, firstId, Now));
        Assert.Null(ClientCredentials.VerifySecret(client, first, Now));
        Assert.False(ClientCredentials.RetireSecret(client, firstId, Now));
        Assert.NotNull(ClientCredentials.VerifySecret(client, added.Value, Now));
        Assert.StartsWith("cs_", added.Secret.Id);
    }

    [Fact]
    public void Verify_ExpiredCurrentSecret_DoesNotMatch()
    {
        var (client, secret) = Confidential(expiresAt: Now);
        Assert.Null(ClientCredentials.VerifySecret(client, secret, Now));
    }

    private static SecretRotation Rotate(Client client, DateTimeOffset at, TimeSpan grace) =>
        ClientCredentials.RotateSecret(client, Hasher, at, TimeSpan.Zero, grace, Max);

    private static (Client Client, string Secret) Confidential(DateTimeOffset? expiresAt = null)
    {
        var client = new Client { ClientId = "c1", TokenEndpointAuthMethod = "client_secret_basic" };
        var issued = ClientCredentials.IssueSecret(client, Hasher, Now - TimeSpan.FromDays(1), TimeSpan.Zero);
        issued.Secret.ExpiresAt = expiresAt;
        return (client, issued.Value);
    }
}
