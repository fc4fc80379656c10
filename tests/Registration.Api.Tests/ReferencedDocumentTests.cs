using System.Net;
using System.Text.Json.Nodes;
using ClientPlatform.Testing;
using Microsoft.IdentityModel.Tokens;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 31, item 7: documents at URLs a registration names, fetched through the guarded client — straight to their
/// address though a proxy is configured, failures remembered briefly, one fetch for many concurrent requests, and no
/// internal detail for the caller. A sector_identifier_uri must list every redirect URI (OpenID Connect Registration §5).
/// </summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class ReferencedDocumentTests(ClosedRegistrationPlatform platform)
{
    private readonly ClosedApi _api = new(platform);

    private const string First = "https://one.example.com/cb";
    private const string Second = "https://two.example.com/cb";

    [Fact]
    public async Task SectorIdentifierUri_ListingEveryRedirectUri_Registered_AndAnUpdateBeyondIt_Refused()
    {
        var sector = TestDocumentServer.Serve($"""["{First}","{Second}","https://three.example.com/cb"]""");
        var reply = await RegisterAsync([First, Second], sector);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal(sector, reply.String("sector_identifier_uri"));

        var body = JsonNode.Parse(reply.Body)!.AsObject();
        foreach (var name in new[] { "registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at", "client_secret" })
            body.Remove(name);
        body["redirect_uris"] = new JsonArray(First, "https://elsewhere.example.net/cb");
        var update = await _api.ManageAsync(HttpMethod.Put, $"/register/{reply.String("client_id")}", reply.String("registration_access_token")!, body.ToJsonString());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (update.Status, update.Error));
        Assert.StartsWith("sector_identifier_uri: does not list redirect_uris[1]", update.String("error_description"));
    }

    [Fact]
    public async Task SectorIdentifierUri_NotListingARedirectUri_InvalidClientMetadata()
    {
        var reply = await RegisterAsync([First, Second], TestDocumentServer.Serve($"""["{First}"]"""));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (reply.Status, reply.Error));
        Assert.StartsWith("sector_identifier_uri: does not list redirect_uris[1] 'https://two.example.com/cb'", reply.String("error_description"));
    }

    [Theory]
    [InlineData("""{"redirect_uris":["https://one.example.com/cb"]}""", 200)]
    [InlineData("""["https://one.example.com/cb", 7]""", 200)]
    [InlineData("""["https://one.example.com/cb"]""", 404)]
    [InlineData("not json", 200)]
    public async Task SectorIdentifierUri_NotAnArrayOfUris_InvalidClientMetadata_WithoutDetail(string document, int status)
    {
        var reply = await RegisterAsync([First], TestDocumentServer.Serve(document, status));
        AssertNoDetail(reply, "sector_identifier_uri: could not be fetched");
    }

    [Fact]
    public async Task SectorIdentifierUri_Unreachable_InvalidClientMetadata_WithoutDetail()
    {
        var reply = await RegisterAsync([First], TestDocumentServer.Unreachable());
        AssertNoDetail(reply, "sector_identifier_uri: could not be fetched");
    }

    [Fact]
    public async Task IssuerJwksUri_Failing_TwentyConcurrentRegistrations_FetchedOncePerReplica_AndNoDetail()
    {
        // An issuer whose jwks_uri answers 500: each replica fetches it once, then remembers the failure.
        var jwksUri = TestDocumentServer.Serve("""{"error":"down"}""", status: 500);
        var issuer = $"https://failing-{Guid.NewGuid():N}.example.com";
        var trusted = await _api.AdminAsync(HttpMethod.Post, "/admin/software-statement-issuers",
            new JsonObject { ["issuer"] = issuer, ["jwks_uri"] = jwksUri }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, trusted.Status);
        var statement = StatementKeys.Sign(issuer, new Dictionary<string, object> { ["software_id"] = "x" },
            StatementKeys.RsaCredentials(StatementKeys.Rsa, "rsa-1"));
        var token = (await _api.IssueAsync("""{"max_uses":50}""")).Token;

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.RegisterAsync(
            new JsonObject { ["redirect_uris"] = new JsonArray(First), ["software_statement"] = statement }.ToJsonString(), token)));

        Assert.All(replies, reply => AssertNoDetail(reply, "software_statement: the issuer's keys could not be fetched", "invalid_software_statement"));
        Assert.InRange(TestDocumentServer.Hits(jwksUri), 1, PlatformFixture.RegistrationReplicas);
    }

    private async Task<Reply> RegisterAsync(string[] redirectUris, string sectorIdentifierUri) =>
        await _api.RegisterAsync(new JsonObject
        {
            ["redirect_uris"] = new JsonArray([.. redirectUris.Select(u => (JsonNode?)u)]),
            ["sector_identifier_uri"] = sectorIdentifierUri,
            ["subject_type"] = "pairwise",
        }.ToJsonString(), await _api.AnyTokenAsync());

    /// <summary>Refused with the RFC 7591 error, and nothing of the platform's inside (addresses, exceptions).</summary>
    private static void AssertNoDetail(Reply reply, string description, string error = "invalid_client_metadata")
    {
        Assert.Equal((HttpStatusCode.BadRequest, error), (reply.Status, reply.Error));
        var text = reply.String("error_description")!;
        Assert.StartsWith(description, text);
        Assert.DoesNotContain("127.0.0.1", text);
        Assert.DoesNotContain("refused", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("500", text);
    }
}
