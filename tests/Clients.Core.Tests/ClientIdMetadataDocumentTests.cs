using ClientPlatform.Clients.Core.Registration;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>Issue 35: the rules of a Client ID Metadata Document's URL and content (draft-ietf-oauth-client-id-metadata-document).</summary>
public sealed class ClientIdMetadataDocumentTests
{
    private const string Url = "https://agent.example.com/oauth/client.json";

    [Theory]
    [InlineData(Url, null)]
    [InlineData("https://agent.example.com:8443/client?v=2", null)]
    [InlineData("https://agent.example.com/a%2Fb/client.json", "must not hold an encoded slash (%2F)")]
    [InlineData("https://agent.example.com/./client.json", "must not hold a '.' or '..' path segment")]
    [InlineData("https://agent.example.com/%2e%2E/client.json", "must not hold a '.' or '..' path segment")]
    [InlineData("https://agent.example.com/%2e/client.json", "must not hold a '.' or '..' path segment")]
    [InlineData("https://agent.example.com?x=1", "must have a path (https://host/path)")]
    [InlineData("https://agent.example.com/client.json#", "must not hold a fragment")]
    [InlineData("https://agent.example.com/café.json", "must be a URL of printable ASCII characters")]
    [InlineData("urn:agent:client", "must be an absolute https URL")]
    public void AUrl_IsJudgedByTheDraftsRules(string clientId, string? problem)
    {
        Assert.Equal(problem, ClientIdMetadataDocument.UrlProblem(clientId));
    }

    [Fact]
    public void AUrlLongerThanTheAuditLogsIds_IsRefused()
    {
        var url = "https://agent.example.com/" + new string('a', ClientLimits.ClientIdMaxLength);

        Assert.Equal($"must be at most {ClientLimits.ClientIdMaxLength} characters", ClientIdMetadataDocument.UrlProblem(url));
    }

    [Fact]
    public void ADocumentWithoutAnAuthMethod_IsAPublicClient_NotOneWithASecret()
    {
        var metadata = Metadata.Valid(ClientIdMetadataDocument.Validate(Url, Metadata.Parse($$"""{"client_id":"{{Url}}","redirect_uris":["https://agent.example.com/cb"]}""")));

        Assert.Equal("none", metadata.TokenEndpointAuthMethod);
        Assert.False(metadata.IsConfidentialWithSecret);
    }

    [Fact]
    public void ADocumentWithPrivateKeyJwtAndItsKeys_IsValid()
    {
        var document = $$"""{"client_id":"{{Url}}","redirect_uris":["https://agent.example.com/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks_uri":"https://agent.example.com/jwks.json"}""";

        Assert.Equal("private_key_jwt", Metadata.Valid(ClientIdMetadataDocument.Validate(Url, Metadata.Parse(document))).TokenEndpointAuthMethod);
    }

    [Theory]
    [InlineData("""{"client_id":"https://agent.example.com/oauth/client.json/","redirect_uris":["https://agent.example.com/cb"]}""", "client_id: must equal the document's URL exactly")]
    [InlineData("""{"redirect_uris":["https://agent.example.com/cb"]}""", "client_id: required")]
    [InlineData("""{"client_id":"https://agent.example.com/oauth/client.json","redirect_uris":[]}""", "redirect_uris: required")]
    [InlineData("""{"client_id":"https://agent.example.com/oauth/client.json","redirect_uris":["https://agent.example.com/cb"],"client_secret_expires_at":0}""", "client_secret_expires_at: must not be")]
    [InlineData("""{"client_id":"https://agent.example.com/oauth/client.json","redirect_uris":["https://agent.example.com/cb"],"token_endpoint_auth_method":"client_secret_jwt"}""", "token_endpoint_auth_method: must be one of none, private_key_jwt")]
    [InlineData("""{"client_id":"https://agent.example.com/oauth/client.json","client_id":"https://agent.example.com/oauth/client.json","redirect_uris":["https://agent.example.com/cb"]}""", "client_id")]
    [InlineData("""["https://agent.example.com/oauth/client.json"]""", "the document must be a JSON object")]
    public void ADocumentBreakingARule_IsRefused_NamingTheMember(string document, string problem)
    {
        var result = ClientIdMetadataDocument.Validate(Url, Metadata.Parse(document));

        Assert.Null(result.Metadata);
        Assert.StartsWith(problem, result.Error!.Description);
    }
}
