using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>DCR-49 (RFC 7591 §5): informational URIs on another host than the redirect URIs are accepted, and flagged in the audit log.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MetadataReviewTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    [Fact]
    [Trait("Checklist", "DCR-49")]
    public async Task LogoOnAnotherHost_Is201_AndAnAuditRecordFlagsJustThatMember()
    {
        var reply = await _api.RegisterAsync("""
            {"redirect_uris":["https://app.example.org/cb"],"client_name":"Flag me",
             "logo_uri":"https://cdn.elsewhere.example/logo.png","tos_uri":"https://app.example.org/tos"}
            """);
        var clientId = reply.String("client_id")!;

        var rows = await _api.AuditRowsAsync(clientId, rows => rows.Any(r => r.StartsWith("client_metadata_flagged|")));

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        var flagged = Assert.Single(rows, r => r.StartsWith("client_metadata_flagged|"));
        Assert.Contains("logo_uri", flagged);
        Assert.Contains("cdn.elsewhere.example", flagged);
        Assert.DoesNotContain("tos_uri", flagged);
    }

    [Fact]
    [Trait("Checklist", "DCR-49")]
    public async Task InformationalUrisOnTheRedirectHost_AreNotFlagged()
    {
        var client = await _api.RegisteredAsync("""
            {"redirect_uris":["https://app.example.org/cb"],"client_name":"Fine",
             "logo_uri":"https://app.example.org/logo.png","policy_uri":"https://APP.example.org/privacy"}
            """);
        // An update after it: once its event is in the log, the registration's (committed before) is too.
        await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["client_name"] = "Still fine"));

        var rows = await _api.AuditRowsAsync(client.Id, rows => rows.Any(r => r.StartsWith("client_updated|")));

        Assert.Contains(rows, r => r.StartsWith("client_registered|"));
        Assert.DoesNotContain(rows, r => r.StartsWith("client_metadata_flagged|"));
    }
}
