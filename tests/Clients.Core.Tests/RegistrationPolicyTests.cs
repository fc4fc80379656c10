using ClientPlatform.Clients.Core.Registration;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>The policy an initial access token carries (RFC 7591 §3), as a pure function of the metadata.</summary>
public sealed class RegistrationPolicyTests
{
    private static readonly RegistrationPolicy Hosts = new(null, ["login.example.com", "*.apps.example.org"], null);

    [Theory]
    [InlineData("https://login.example.com/cb", true)]
    [InlineData("https://LOGIN.Example.COM/cb", true)]
    [InlineData("https://a.apps.example.org/cb", true)]
    [InlineData("https://b.a.apps.example.org/cb", true)]
    [InlineData("https://apps.example.org/cb", false)]
    [InlineData("https://evilapps.example.org/cb", false)]
    [InlineData("https://login.example.com.evil.net/cb", false)]
    [InlineData("com.example.app:/cb", false)]
    public void Check_RedirectUriHost_OnlyListedHostsAndSubdomainsOfWildcards(string uri, bool allowed)
    {
        var error = Hosts.Check(new ClientMetadata { RedirectUris = [uri] });
        Assert.Equal(allowed, error is null);
        if (!allowed)
            Assert.Equal("invalid_redirect_uri", error!.Error);
    }

    [Fact]
    public void Check_NoRestriction_AllowsAnything()
    {
        var open = new RegistrationPolicy(null, null, null);
        Assert.Null(open.Check(new ClientMetadata { RedirectUris = ["https://x.example/cb"], GrantTypes = ["client_credentials"], Scope = "anything" }));
    }

    [Fact]
    public void Check_DefaultGrantType_IsCheckedLikeAnExplicitOne()
    {
        // RFC 7591 §2: grant_types omitted means authorization_code, which a client_credentials-only token does not allow.
        var machines = new RegistrationPolicy(["client_credentials"], null, null);
        Assert.Equal("invalid_client_metadata", machines.Check(new ClientMetadata())?.Error);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("openid", true)]
    [InlineData("openid profile", true)]
    [InlineData("openid email", false)]
    public void Check_Scope_EveryRequestedValueMustBeAllowed(string? scope, bool allowed)
    {
        var policy = new RegistrationPolicy(null, null, ["openid", "profile"]);
        Assert.Equal(allowed, policy.Check(new ClientMetadata { Scope = scope }) is null);
    }
}
