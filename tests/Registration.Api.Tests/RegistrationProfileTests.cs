extern alias RegistrationApi;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 35: an open endpoint under the fapi2-security registration profile (Registration:Profile) refuses what FAPI 2.0
/// forbids, naming the member and the profile, accepts a compliant client, and holds that client to the profile for life.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RegistrationProfileTests(RegistrationApis platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // An ES256 key (P-256): usable under FAPI 2.0.
    private const string Es256Key = """{"kty":"EC","crv":"P-256","alg":"ES256","kid":"fapi-1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""";

    private const string Compliant = $$"""
        {"redirect_uris":["https://bank.example.org/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks":{"keys":[{{Es256Key}}]},
         "require_pushed_authorization_requests":true,"dpop_bound_access_tokens":true,"id_token_signed_response_alg":"PS256"}
        """;

    [Theory]
    [InlineData("""{"redirect_uris":["https://bank.example.org/cb"],"token_endpoint_auth_method":"client_secret_basic","require_pushed_authorization_requests":true,"dpop_bound_access_tokens":true,"id_token_signed_response_alg":"PS256"}""",
        "token_endpoint_auth_method: 'client_secret_basic' is not allowed; allowed are private_key_jwt, tls_client_auth, self_signed_tls_client_auth under the registration profile fapi2-security")]
    [InlineData("""{"redirect_uris":["https://bank.example.org/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks":{"keys":[{"kty":"RSA","alg":"RS256","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}]},"require_pushed_authorization_requests":true,"dpop_bound_access_tokens":true,"id_token_signed_response_alg":"PS256"}""",
        "jwks: keys[0] (RS256) is not usable with PS256, ES256, EdDSA under the registration profile fapi2-security")]
    [InlineData($$"""{"redirect_uris":["https://bank.example.org/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks":{"keys":[{{Es256Key}}]},"dpop_bound_access_tokens":true,"id_token_signed_response_alg":"PS256"}""",
        "require_pushed_authorization_requests: must be true (RFC 9126 '6) under the registration profile fapi2-security")]
    [InlineData($$"""{"redirect_uris":["https://bank.example.org/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks":{"keys":[{{Es256Key}}]},"require_pushed_authorization_requests":true,"dpop_bound_access_tokens":true}""",
        "id_token_signed_response_alg: 'RS256' is not allowed; set one of PS256, ES256, EdDSA under the registration profile fapi2-security")]
    public async Task Register_BreakingTheProfile_400InvalidClientMetadata_NamingTheMemberAndTheProfile(string body, string description)
    {
        using var http = Fapi().CreateClient();

        var reply = await RegisterAsync(http, body);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (reply.Status, reply.Error));
        Assert.Equal(description, reply.String("error_description"));
    }

    [Fact]
    public async Task Register_Compliant_201EchoingPar_BoundToTheProfile_AndItsOwnUpdateLeavingIt_400()
    {
        using var http = Fapi().CreateClient();

        var registered = await RegisterAsync(http, Compliant);
        var (id, token) = (registered.String("client_id")!, registered.String("registration_access_token")!);
        var leaving = await new Api(http, platform).UpdateAsync(id, token, Compliant.Replace("\"require_pushed_authorization_requests\":true", "\"require_pushed_authorization_requests\":false")
            .Replace("{\"redirect_uris\"", $"{{\"client_id\":\"{id}\",\"redirect_uris\""));
        using var admin = new HttpRequestMessage(HttpMethod.Get, $"/admin/clients/{id}");
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.AdminSecret);
        var shown = JsonDocument.Parse(await (await platform.AdminApi.CreateClient().SendAsync(admin, Ct)).Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("client");

        Assert.Equal(HttpStatusCode.Created, registered.Status);
        Assert.True(registered.Json.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.False(registered.Has("client_secret"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (leaving.Status, leaving.Error));
        Assert.Equal("require_pushed_authorization_requests: must be true (RFC 9126 '6) under the registration profile fapi2-security", leaving.String("error_description"));
        Assert.Equal("fapi2-security", shown.GetProperty("registration_profile").GetString());
        Assert.True(shown.GetProperty("require_pushed_authorization_requests").GetBoolean());
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<RegistrationApi::Program> Fapi() =>
        platform.Start<RegistrationApi::Program>(new Dictionary<string, string?> { ["Registration:Profile"] = "fapi2-security" });

    private static async Task<Reply> RegisterAsync(HttpClient http, string body) =>
        await Reply.FromAsync(await http.PostAsync("/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct));
}
