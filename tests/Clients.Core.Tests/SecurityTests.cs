using System.Text.RegularExpressions;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>DCR-12, DCR-13, MGT-80: secrets and tokens are unguessable and stored only as hashes.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public void NewSecret_ThousandTimes_AllDistinct256BitBase64Url()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => SecretGenerator.NewSecret()).ToList();

        Assert.Equal(1000, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.Matches(B64Token(), s));
        Assert.All(secrets, s => Assert.Equal(43, s.Length)); // 256 bits
    }

    [Fact]
    public void NewClientId_IsAtLeast128BitsAndDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => SecretGenerator.NewClientId()).ToList();

        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id.Length >= 22));
    }

    [Fact]
    public void SecretHasher_HashesWithBcrypt_AndVerifiesOnlyTheRightSecret()
    {
        var hasher = new SecretHasher(SecretHasher.MinWorkFactor);
        var secret = SecretGenerator.NewSecret();

        var hash = hasher.Hash(secret);

        Assert.StartsWith("bcrypt$$2", hash);
        Assert.DoesNotContain(secret, hash);
        Assert.NotEqual(hash, hasher.Hash(secret)); // salted
        Assert.True(SecretHasher.Verify(secret, hash));
        Assert.False(SecretHasher.Verify(secret + "x", hash));
        Assert.False(SecretHasher.Verify(secret, null));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    public void SecretHasher_WorkFactorOutOfRange_IsRefused(int workFactor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecretHasher(workFactor));

    [Fact]
    public void TokenHasher_IsSha256_AndMatchesOnlyTheSameToken()
    {
        var token = SecretGenerator.NewSecret();

        var hash = TokenHasher.Hash(token);

        Assert.Matches("^sha256\\$[0-9a-f]{64}$", hash);
        Assert.Equal(hash, TokenHasher.Hash(token));
        Assert.True(TokenHasher.Matches(token, hash));
        Assert.False(TokenHasher.Matches(SecretGenerator.NewSecret(), hash));
        Assert.False(TokenHasher.Matches(token, null));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex B64Token();
}
