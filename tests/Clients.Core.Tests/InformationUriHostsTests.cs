namespace ClientPlatform.Clients.Core.Tests;

/// <summary>DCR-49: which informational URIs leave the redirect URIs' scheme and host.</summary>
public sealed class InformationUriHostsTests
{
    [Theory]
    [InlineData("\"logo_uri\":\"https://client.example.org/logo.png\"", new string[0])]
    [InlineData("\"logo_uri\":\"https://CLIENT.example.org:8443/logo.png\"", new string[0])] // host compared without case or port
    [InlineData("\"logo_uri\":\"https://cdn.example.net/logo.png\"", new[] { "logo_uri" })]
    [InlineData("\"tos_uri\":\"http://client.example.org/tos\"", new[] { "tos_uri" })] // another scheme
    [InlineData("\"client_uri\":\"https://a.example/\",\"policy_uri\":\"https://client.example.org/p\"", new[] { "client_uri" })]
    public void Mismatches_NameEachMemberOffTheRedirectHosts(string members, string[] expected)
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With(members)));

        Assert.Equal(expected, InformationUriHosts.Mismatches(metadata).Select(m => m.Field));
    }

    [Fact]
    public void Mismatches_AnyRedirectHostWillDo()
    {
        var metadata = Metadata.Valid(Metadata.Register(
            """{"redirect_uris":["https://one.example/cb","https://two.example/cb"],"logo_uri":"https://two.example/l.png"}"""));

        Assert.Empty(InformationUriHosts.Mismatches(metadata));
    }
}
