using ClientPlatform.Clients.Core.OAuth;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>RFC 7591 §2 metadata rules (DCR-03…50), as the registration and admin APIs share them.</summary>
public sealed class ClientMetadataValidatorTests
{
    [Fact] // DCR-18, DCR-17
    public void Register_Minimal_GetsTheRfcDefaults()
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.Minimal));

        Assert.Equal([GrantTypes.AuthorizationCode], metadata.GrantTypes);
        Assert.Equal([ResponseTypes.Code], metadata.ResponseTypes);
        Assert.Equal(AuthMethods.ClientSecretBasic, metadata.TokenEndpointAuthMethod);
        Assert.True(metadata.IsConfidentialWithSecret);
    }

    [Theory] // DCR-03
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"x\"")]
    [InlineData("5")]
    public void Register_BodyThatIsNotAnObject_IsInvalidRequest(string json) =>
        Metadata.Invalid(Metadata.Register(json), OAuthErrors.InvalidRequest);

    [Fact]
    public void Register_RepeatedMember_IsInvalidRequest()
    {
        var error = Metadata.Invalid(Metadata.Register("""{"redirect_uris":["https://a.example/cb"],"client_name":"a","client_name":"b"}"""),
            OAuthErrors.InvalidRequest);

        Assert.Contains("client_name", error.Description);
    }

    [Fact] // DCR-04, DCR-05, DCR-60
    public void Register_UnknownServerAssignedAndAdminOnlyMembers_AreIgnored()
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With(
            """
            "x_unknown":1,"client_id":"mine","client_secret":"mine","is_trusted":true,"skip_consent":true,
            "allow_claims_without_scope":true,"software_statement":"a.b.c"
            """)));

        Assert.False(metadata.IsTrusted);
        Assert.False(metadata.SkipConsent);
        Assert.False(metadata.AllowClaimsWithoutScope);
    }

    [Fact] // seed 004: only an administrator sets the admin-only flags
    public void Admin_AdminOnlyFlags_AreRead()
    {
        var metadata = Metadata.Valid(Metadata.Admin(Metadata.With("\"is_trusted\":true,\"skip_consent\":true")));

        Assert.True(metadata.IsTrusted);
        Assert.True(metadata.SkipConsent);
    }

    [Theory] // DCR-40, DCR-41, DCR-42
    [InlineData("\"grant_types\":\"authorization_code\"")]
    [InlineData("\"response_types\":\"code\"")]
    [InlineData("\"response_types\":[\"token\"],\"grant_types\":[\"authorization_code\"]")]
    [InlineData("\"grant_types\":[\"implicit\"],\"response_types\":[\"code\"]")]
    [InlineData("\"grant_types\":[\"client_credentials\"],\"response_types\":[\"code\"]")]
    [InlineData("\"grant_types\":[\"urn:x:unknown\"]")]
    [InlineData("\"grant_types\":[\"refresh_token\"]")]
    [InlineData("\"grant_types\":[]")]
    [InlineData("\"grant_types\":[\"password\"]")]
    [InlineData("\"token_endpoint_auth_method\":\"magic\"")]                                   // DCR-43
    [InlineData("\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\"")] // DCR-44
    [InlineData("\"jwks_uri\":\"https://a.example/jwks\",\"jwks\":{\"keys\":[{\"kty\":\"EC\"}]}")]   // DCR-45
    [InlineData("\"token_endpoint_auth_method\":\"private_key_jwt\"")]                          // DCR-46
    [InlineData("\"jwks\":{\"keys\":[{\"kty\":\"EC\",\"d\":\"secret\"}]},\"token_endpoint_auth_method\":\"private_key_jwt\"")]
    [InlineData("\"scope\":[\"a\"]")]                                                           // DCR-47
    [InlineData("\"scope\":\"a  b\"")]
    [InlineData("\"contacts\":\"a@b\"")]
    [InlineData("\"client_name\":5")]
    [InlineData("\"logo_uri\":\"not a uri\"")]                                                  // DCR-48
    [InlineData("\"logo_uri\":\"javascript:x\"")]
    [InlineData("\"jwks_uri\":\"http://a.example/jwks\"")]
    [InlineData("\"client_name\":\"x\",\"client_name#not a tag\":\"y\"")]
    [InlineData("\"default_max_age\":-1")]
    [InlineData("\"require_auth_time\":\"yes\"")]
    [InlineData("\"application_type\":\"desktop\"")]
    public void Register_InvalidMetadata_IsInvalidClientMetadataNamingTheField(string members)
    {
        var error = Metadata.Invalid(Metadata.Register(Metadata.With(members)), OAuthErrors.InvalidClientMetadata);

        var field = members.Split('"')[1]; // the first member named is the one at fault
        Assert.Contains(field.Split('#')[0], error.Description);
    }

    [Theory] // DCR-41, DCR-43, DCR-15, DCR-46
    [InlineData("\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"]", true)]
    [InlineData("\"token_endpoint_auth_method\":\"client_secret_post\"", true)]
    [InlineData("\"token_endpoint_auth_method\":\"none\"", false)]
    [InlineData("\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}]}", false)]
    public void Register_ConsistentChoices_AreAccepted_AndASecretIssuedOnlyWhereOneIsUsed(string members, bool secret)
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With(members)));

        Assert.Equal(secret, metadata.IsConfidentialWithSecret);
    }

    [Fact] // DCR-20, DCR-21, DCR-50
    public void Register_FullMetadata_IsKeptExactlyAsSent()
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With("""
            "client_name":"My App","client_name#fr":"Mon appli","client_uri":"https://app.example.org/",
            "logo_uri":"https://app.example.org/logo.png","scope":"openid profile","contacts":["ops@example.org"],
            "tos_uri":"https://app.example.org/tos","policy_uri":"https://app.example.org/privacy",
            "jwks_uri":"https://app.example.org/jwks.json","software_id":"4NRB1-0XZABZI9E6-5SM3R","software_version":"2.1"
            """)));

        Assert.Equal("My App", metadata.ClientName);
        Assert.Equal("Mon appli", metadata.Localized["client_name#fr"]);
        Assert.Equal("openid profile", metadata.Scope);
        Assert.Equal(["ops@example.org"], metadata.Contacts);
        Assert.Equal("https://app.example.org/jwks.json", metadata.JwksUri);
        Assert.Equal(("4NRB1-0XZABZI9E6-5SM3R", "2.1"), (metadata.SoftwareId, metadata.SoftwareVersion));
    }

    [Fact] // MGT-35, MGT-36: a whole document replaces; omitted or null members are removed or reset
    public void Register_NullMembers_AreTreatedAsOmitted()
    {
        var metadata = Metadata.Valid(Metadata.Register(Metadata.With("\"client_name\":null,\"grant_types\":null,\"logo_uri\":null")));

        Assert.Null(metadata.ClientName);
        Assert.Null(metadata.LogoUri);
        Assert.Equal([GrantTypes.AuthorizationCode], metadata.GrantTypes);
    }

    [Fact] // ADM-12: an administrator's partial update changes only what is sent, and the whole must still hold
    public void AdminChanges_OnlyTheMembersSent_Change()
    {
        var current = Metadata.Valid(Metadata.Admin(Metadata.With("\"client_name\":\"Old\",\"scope\":\"openid\"")));

        var changed = Metadata.Valid(ClientMetadataValidator.ValidateChanges(Metadata.Parse("""{"client_name":"New"}"""), current));
        var broken = ClientMetadataValidator.ValidateChanges(Metadata.Parse("""{"redirect_uris":[]}"""), current);

        Assert.Equal("New", changed.ClientName);
        Assert.Equal("openid", changed.Scope);
        Assert.Equal(current.RedirectUris, changed.RedirectUris);
        Metadata.Invalid(broken, OAuthErrors.InvalidRedirectUri);
    }

    [Theory] // DCR-72: found by the fuzz test — text PostgreSQL or UTF-8 cannot hold is refused, not a 500
    [InlineData("{\"redirect_uris\":[\"https://a.example/cb\"],\"tos_uri\":\"\\ud800\"}", "invalid_request")]
    [InlineData("{\"redirect_uris\":[\"https://a.example/cb\"],\"\\ud800\":1}", "invalid_request")]
    [InlineData("{\"redirect_uris\":[\"https://a.example/cb\"],\"client_name\":\"a\\u0000b\"}", "invalid_client_metadata")]
    public void Register_TextThatCannotBeStored_IsRefused(string json, string error) =>
        Metadata.Invalid(Metadata.Register(json), error);
}
