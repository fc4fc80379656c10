using System.Net;
using System.Text.Json;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 35, sender-constrained clients over RFC 7591/7592: a mutual TLS client that binds its tokens registers and reads
/// back every member as it sent it; RFC 8705's one-subject rule is held at registration and at its own update.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SenderConstrainedTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    // Odd spellings on purpose: what is echoed must be what was sent, not a normalised form.
    private const string Members = """
        "token_endpoint_auth_method":"tls_client_auth","tls_client_auth_subject_dn":"CN=Payments Client,O=Example Bank,C=GB",
        "tls_client_certificate_bound_access_tokens":true,"dpop_bound_access_tokens":false,
        "require_pushed_authorization_requests":true,"authorization_details_types":["payment_initiation","account_information"]
        """;

    [Fact]
    public async Task Register_MutualTlsClientBindingItsTokens_201_AndEveryMemberEchoedExactly_OnRegistrationAndRead()
    {
        var sent = $$"""{"redirect_uris":["https://bank.example.org/cb"],"grant_types":["authorization_code","client_credentials"],{{Members}}}""";

        var registered = await _api.RegisteredAsync(sent);
        var read = await _api.ReadAsync(registered.Id, registered.Token);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        using var request = JsonDocument.Parse(sent);
        foreach (var member in request.RootElement.EnumerateObject())
        {
            Assert.Equal(member.Value.GetRawText(), registered.Json.GetProperty(member.Name).GetRawText());
            Assert.Equal(member.Value.GetRawText(), read.Json.GetProperty(member.Name).GetRawText());
        }
        foreach (var other in new[] { "tls_client_auth_san_dns", "tls_client_auth_san_uri", "tls_client_auth_san_ip", "tls_client_auth_san_email", "client_secret" })
            Assert.False(read.Has(other), other);
    }

    [Fact]
    public async Task Register_TwoCertificateSubjects_400InvalidClientMetadata_NamingBoth()
    {
        var reply = await _api.RegisterAsync("""
            {"redirect_uris":["https://bank.example.org/cb"],"token_endpoint_auth_method":"tls_client_auth",
             "tls_client_auth_san_dns":"client.bank.example.org","tls_client_auth_san_ip":"192.0.2.10"}
            """);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (reply.Status, reply.Error));
        // error_description is printable ASCII (RFC 6749 §5.2): the section sign comes out as an apostrophe.
        Assert.Equal("tls_client_auth_san_dns, tls_client_auth_san_ip: a tls_client_auth client names its certificate's subject by exactly one of them (RFC 8705 '2.1.2)",
            reply.String("error_description"));
    }

    [Fact]
    public async Task Update_ItsOwn_WithoutTheCertificateSubject_400_AndTheRegistrationIsUnchanged()
    {
        var registered = await _api.RegisteredAsync($$"""{"redirect_uris":["https://bank.example.org/cb"],{{Members}}}""");

        var update = await _api.UpdateAsync(registered.Id, registered.Token,
            $$"""{"client_id":"{{registered.Id}}","redirect_uris":["https://bank.example.org/cb"],"token_endpoint_auth_method":"tls_client_auth"}""");
        var read = await _api.ReadAsync(registered.Id, registered.Token);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (update.Status, update.Error));
        Assert.StartsWith("token_endpoint_auth_method: tls_client_auth needs exactly one of", update.String("error_description"));
        Assert.Equal("CN=Payments Client,O=Example Bank,C=GB", read.String("tls_client_auth_subject_dn"));
    }
}
