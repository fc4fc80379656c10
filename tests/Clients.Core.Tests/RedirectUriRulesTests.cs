using ClientPlatform.Clients.Core.OAuth;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>DCR-30…38 and design.md §7 C-15: one rule set for redirect URIs.</summary>
public sealed class RedirectUriRulesTests
{
    [Theory] // DCR-34, DCR-36
    [InlineData("https://client.example.org/cb")]
    [InlineData("http://localhost:8080/cb")]
    [InlineData("http://localhost/cb")]
    [InlineData("http://127.0.0.1:53999/cb")]
    [InlineData("http://[::1]:8080/cb")]
    [InlineData("com.example.app:/cb")]
    [InlineData("cursor://anysphere.cursor-mcp/oauth/callback")]
    [InlineData("https://client.example.org/cb?state=kept")]
    public void Register_AcceptableRedirectUri_IsAccepted(string uri)
    {
        var metadata = Metadata.Valid(Metadata.Register($$"""{"redirect_uris":["{{uri}}"]}"""));

        Assert.Equal([uri], metadata.RedirectUris); // kept byte for byte (DCR-20)
    }

    [Theory]
    [InlineData("/cb", "absolute")]                                  // DCR-32
    [InlineData("cb", "absolute")]
    [InlineData("not a uri", "spaces")]
    [InlineData("https://a.example/cb#x", "fragment")]               // DCR-33
    [InlineData("https://a.example/cb#", "fragment")]
    [InlineData("http://client.example.org/cb", "loopback")]         // DCR-34
    [InlineData("http://localhost.evil.example/cb", "loopback")]
    [InlineData("http://127.0.0.1.nip.io/cb", "loopback")]
    [InlineData("javascript:alert(1)", "not allowed")]               // DCR-35
    [InlineData("data:text/html,x", "not allowed")]
    [InlineData("file:///etc/passwd", "not allowed")]
    [InlineData("vbscript:x", "not allowed")]
    [InlineData("blob:https://a/x", "not allowed")]
    [InlineData("about:blank", "not allowed")]
    // Issue 31: handler schemes hand the code to the platform or the browser, not to the registering app.
    [InlineData("jar:https://a.example/app.jar!/cb", "not allowed")]
    [InlineData("intent://cb#Intent;scheme=https;end", "fragment")]
    [InlineData("intent:/cb", "not allowed")]
    [InlineData("ms-settings:privacy", "not allowed")]
    [InlineData("x-javascript:alert(1)", "not allowed")]
    [InlineData("JScript:x", "not allowed")]
    [InlineData("chrome-extension://abc/cb", "not allowed")]
    [InlineData("tel:+15551234567", "not allowed")]
    [InlineData("https://*.example.org/cb", "wildcard")]             // DCR-37
    [InlineData("https://a.example/*", "wildcard")]
    [InlineData("https://u:p@a.example/cb", "user information")]
    [InlineData("", "empty")]
    public void Register_UnacceptableRedirectUri_IsInvalidRedirectUriNamingIt(string uri, string reason)
    {
        var error = Metadata.Invalid(Metadata.Register($$"""{"redirect_uris":["https://ok.example/cb","{{uri}}"]}"""), OAuthErrors.InvalidRedirectUri);

        Assert.StartsWith("redirect_uris[1]:", error.Description);
        Assert.Contains(reason, error.Description);
    }

    [Theory] // DCR-30, DCR-31
    [InlineData("{}")]
    [InlineData("""{"redirect_uris":[]}""")]
    [InlineData("""{"redirect_uris":null}""")]
    [InlineData("""{"redirect_uris":"https://a.example/cb"}""")]
    [InlineData("""{"redirect_uris":[1]}""")]
    public void Register_MissingOrMistypedRedirectUris_IsInvalidRedirectUri(string json)
    {
        var error = Metadata.Invalid(Metadata.Register(json), OAuthErrors.InvalidRedirectUri);

        Assert.StartsWith("redirect_uris", error.Description);
    }

    [Fact] // DCR-38
    public void Register_TooManyOrTooLongRedirectUris_IsRefused()
    {
        var many = string.Join(",", Enumerable.Range(0, ClientLimits.MaxRedirectUris + 1).Select(i => $"\"https://a.example/cb{i}\""));
        var tooLong = "https://a.example/" + new string('a', 4096);

        Metadata.Invalid(Metadata.Register($$"""{"redirect_uris":[{{many}}]}"""), OAuthErrors.InvalidRedirectUri);
        Metadata.Invalid(Metadata.Register($$"""{"redirect_uris":["{{tooLong}}"]}"""), OAuthErrors.InvalidRedirectUri);
    }

    [Fact]
    public void Register_ClientCredentialsWithoutRedirectUris_IsAccepted()
    {
        var metadata = Metadata.Valid(Metadata.Register("""{"grant_types":["client_credentials"],"response_types":[]}"""));

        Assert.Empty(metadata.RedirectUris);
    }

    [Theory] // Issue 31: the strict allow-list by application_type, an operator's choice
    [InlineData("web", "https://client.example.org/cb")]
    [InlineData("web", "http://127.0.0.1:5000/cb")]
    [InlineData("native", "com.example.app:/oauth2redirect")]
    [InlineData("native", "https://app.example.com/native-cb")]
    [InlineData("native", "http://[::1]:61023/cb")]
    public void Strict_AllowedForTheApplicationType_Accepted(string applicationType, string uri) =>
        Metadata.Valid(Metadata.RegisterStrict($$"""{"application_type":"{{applicationType}}","redirect_uris":["{{uri}}"]}"""));

    [Theory]
    [InlineData("web", "cursor://anysphere.cursor-mcp/oauth/callback", "web client")]
    [InlineData("web", "com.example.app:/cb", "web client")]
    [InlineData("native", "cursor://anysphere.cursor-mcp/oauth/callback", "reverse-DNS")]
    [InlineData("native", "myapp:/cb", "reverse-DNS")]
    public void Strict_OutsideTheApplicationTypesList_InvalidRedirectUri(string applicationType, string uri, string reason)
    {
        var error = Metadata.Invalid(Metadata.RegisterStrict($$"""{"application_type":"{{applicationType}}","redirect_uris":["https://ok.example/cb","{{uri}}"]}"""),
            OAuthErrors.InvalidRedirectUri);

        Assert.StartsWith("redirect_uris[1]:", error.Description);
        Assert.Contains(reason, error.Description);
    }

    [Fact]
    public void Permissive_TheDefault_KeepsC15_PrivateUseSchemesWhateverTheApplicationType() =>
        Metadata.Valid(Metadata.Register("""{"redirect_uris":["cursor://anysphere.cursor-mcp/oauth/callback","myapp:/cb"]}"""));
}
