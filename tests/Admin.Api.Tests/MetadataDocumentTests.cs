extern alias AdminApi;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClientPlatform.Testing;

namespace ClientPlatform.Admin.Api.Tests;

/// <summary>
/// Issue 35: Client ID Metadata Documents, resolved for the authorization server by <c>GET /admin/clients/resolve</c>,
/// against an https host the tests start (its certificate authority trusted through MetadataDocuments:ExtraCaBundle, its
/// loopback address through MetadataDocuments:AllowedPrivateAddresses, as an intranet deployment would set them).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MetadataDocumentTests(AdminApis platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly Admin _admin = new(platform);

    private static Dictionary<string, string?> Enabled(TimeSpan? cacheMinimum = null) => new()
    {
        ["MetadataDocuments:Enabled"] = "true",
        ["MetadataDocuments:ExtraCaBundle"] = TestDocumentServer.CertificateFile,
        ["MetadataDocuments:AllowedPrivateAddresses:0"] = "127.0.0.1",
        ["MetadataDocuments:CacheMinimum"] = (cacheMinimum ?? TimeSpan.FromMinutes(5)).ToString(),
    };

    private static string Document(string url, string name = "Agent", string extra = "") =>
        $$"""{"client_id":"{{url}}","client_name":"{{name}}","redirect_uris":["https://agent.example.com/callback"]{{extra}}}""";

    [Fact]
    public async Task Resolve_Twice_FetchesOnce_AndTheClientIsListedReadableAndAudited()
    {
        var resolver = Client(platform.Start<AdminApi::Program>(Enabled()));
        var url = TestDocumentServer.ServeAt(u => Document(u, "Travel agent"), cacheControl: "max-age=600");

        var first = await ResolveAsync(resolver, url);
        var second = await ResolveAsync(resolver, url);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(1, TestDocumentServer.Hits(url));
        var client = second.Json.GetProperty("client");
        Assert.Equal(url, client.GetProperty("client_id").GetString());
        Assert.Equal("metadata_document", client.GetProperty("source").GetString());
        Assert.Equal("none", client.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("Travel agent", client.GetProperty("client_name").GetString());
        Assert.InRange(second.Response.Headers.CacheControl!.MaxAge!.Value.TotalSeconds, 590, 600);
        // An administrator's view: listed by its source, read and locked by its id (the URL, escaped as one path segment).
        var listed = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients?source=metadata_document&search={Uri.EscapeDataString(new Uri(url).Segments[1].TrimEnd('/'))}");
        Assert.Equal([url], listed.Json.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("client_id").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{Uri.EscapeDataString(url)}")).Status);
        var audited = await _admin.AuditAsync(url, "client_resolved");
        Assert.Equal("Travel agent", audited.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "client_name").GetProperty("after").GetString());
    }

    [Theory]
    [InlineData("http://agent.example.com/client.json", "must be an absolute https URL")]
    [InlineData("https://agent.example.com", "must have a path")]
    [InlineData("https://agent.example.com/", "must have a path")]
    [InlineData("https://agent.example.com/client.json#top", "must not hold a fragment")]
    [InlineData("https://user:pw@agent.example.com/client.json", "must not hold a user name or password")]
    [InlineData("https://agent.example.com/a/../client.json", "must not hold a '.' or '..' path segment")]
    public async Task Resolve_AUrlNoDocumentMayHave_Is400_NamingTheRule(string clientId, string rule)
    {
        var resolver = Client(platform.Start<AdminApi::Program>(Enabled()));

        var answer = await ResolveAsync(resolver, clientId);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (answer.Status, answer.Error));
        Assert.Contains(rule, answer.Json.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("another", "client_id: must equal the document's URL exactly")]
    [InlineData("secret", "client_secret: must not be in a client ID metadata document")]
    [InlineData("basic", "token_endpoint_auth_method: must be one of none, private_key_jwt")]
    [InlineData("no redirects", "redirect_uris: required")]
    [InlineData("bad redirect", "redirect_uris[0]")]
    public async Task Resolve_ADocumentThatIsNoValidClient_Is422_NamingTheMember_AndIsNotFetchedAgainAtOnce(string flaw, string rule)
    {
        var resolver = Client(platform.Start<AdminApi::Program>(Enabled()));
        var url = TestDocumentServer.ServeAt(u => flaw switch
        {
            "another" => Document(u.Replace("client.json", "other.json")),
            "secret" => Document(u, extra: ""","client_secret":"s3cret" """),
            "basic" => Document(u, extra: ""","token_endpoint_auth_method":"client_secret_basic" """),
            "no redirects" => $$"""{"client_id":"{{u}}","client_name":"Agent"}""",
            _ => $$"""{"client_id":"{{u}}","redirect_uris":["not a uri"]}""",
        });

        var answer = await ResolveAsync(resolver, url);
        var again = await ResolveAsync(resolver, url);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_client_metadata"), (answer.Status, answer.Error));
        Assert.Contains(rule, answer.Json.GetProperty("detail").GetString());
        Assert.Equal(answer.Body, again.Body.Replace(again.Json.GetProperty("traceId").GetString()!, answer.Json.GetProperty("traceId").GetString()));
        Assert.Equal(1, TestDocumentServer.Hits(url));
    }

    [Fact]
    public async Task Resolve_ADocumentOver5KB_OrAtAnAddressNotAllowed_Is502_AndNoClientIsMade()
    {
        var resolver = Client(platform.Start<AdminApi::Program>(Enabled()));
        var large = TestDocumentServer.ServeAt(u => Document(u, new string('a', 150), $$""","contacts":[{{string.Join(",", Enumerable.Repeat("\"ops@agent.example.com\"", 250))}}]"""));
        // 127.0.0.2 is loopback too, and not among the allowed private addresses: refused before any connection.
        var privateHost = new UriBuilder(TestDocumentServer.ServeAt(u => Document(u))) { Host = "127.0.0.2" }.Uri.ToString();

        var tooLarge = await ResolveAsync(resolver, large);
        var refusedAddress = await ResolveAsync(resolver, privateHost);

        Assert.Equal((HttpStatusCode.BadGateway, "document_unavailable"), (tooLarge.Status, tooLarge.Error));
        Assert.Contains("more than 5120", tooLarge.Json.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.BadGateway, "document_unavailable"), (refusedAddress.Status, refusedAddress.Error));
        Assert.Contains("127.0.0.2 has no public address", refusedAddress.Json.GetProperty("detail").GetString());
        foreach (var url in new[] { large, privateHost })
            Assert.Equal(HttpStatusCode.NotFound, (await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/{Uri.EscapeDataString(url)}")).Status);
    }

    [Fact]
    public async Task Resolve_MaxAgeOfOneSecond_IsFetchedAgainAfterTheMinimum_AndAChangedDocumentIsAppliedAndAudited()
    {
        var minimum = TimeSpan.FromSeconds(2);
        var resolver = Client(platform.Start<AdminApi::Program>(Enabled(minimum)));
        var url = TestDocumentServer.ServeAt(u => Document(u, "Before"), cacheControl: "max-age=1");

        await ResolveAsync(resolver, url);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        var withinTheMinimum = await ResolveAsync(resolver, url);
        var hitsWithin = TestDocumentServer.Hits(url);
        TestDocumentServer.Replace(url, Document(url, "After"), "max-age=1");
        await Task.Delay(minimum, Ct);
        var afterIt = await ResolveAsync(resolver, url);

        Assert.Equal("Before", withinTheMinimum.Json.GetProperty("client").GetProperty("client_name").GetString());
        Assert.Equal(1, hitsWithin);
        Assert.Equal(2, TestDocumentServer.Hits(url));
        Assert.Equal("After", afterIt.Json.GetProperty("client").GetProperty("client_name").GetString());
        var change = await _admin.AuditAsync(url, "client_document_changed");
        Assert.True(change.GetProperty("outcome").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Resolve_AClientWhoseUpdatesAnAdministratorLocked_KeepsItsMetadata_WhenItsDocumentChanges()
    {
        var resolver = Client(platform.Start<AdminApi::Program>(Enabled(TimeSpan.FromSeconds(1))));
        var url = TestDocumentServer.ServeAt(u => Document(u, "Reviewed"), cacheControl: "max-age=1");
        await ResolveAsync(resolver, url);
        var locked = await _admin.SendAsync(HttpMethod.Put, $"/admin/clients/{Uri.EscapeDataString(url)}", """{"update_locked":true}""");
        Assert.Equal(HttpStatusCode.OK, locked.Status);

        TestDocumentServer.Replace(url, Document(url, "Swapped", ""","post_logout_redirect_uris":["https://elsewhere.example.net/cb"]"""), "max-age=1");
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        var after = await ResolveAsync(resolver, url);

        Assert.Equal(2, TestDocumentServer.Hits(url));
        Assert.Equal("Reviewed", after.Json.GetProperty("client").GetProperty("client_name").GetString());
        var refused = await _admin.AuditAsync(url, "client_document_changed");
        Assert.Equal((false, "update_locked"), (refused.GetProperty("outcome").GetProperty("success").GetBoolean(), refused.GetProperty("outcome").GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Resolve_WhileTheDocumentsHostFails_AnswersTheKeptClientWithinStaleIfError_AndAReplicaWithoutItRefuses()
    {
        var tolerant = Client(platform.Start<AdminApi::Program>(Enabled(TimeSpan.FromSeconds(1))));
        var strict = Client(platform.Start<AdminApi::Program>(new Dictionary<string, string?>(Enabled(TimeSpan.FromSeconds(1)))
        {
            ["MetadataDocuments:StaleIfError"] = "00:00:00",
        }));
        var url = TestDocumentServer.ServeAt(u => Document(u, "Kept"), cacheControl: "max-age=1");
        Assert.Equal(HttpStatusCode.OK, (await ResolveAsync(tolerant, url)).Status);

        TestDocumentServer.Replace(url, "", status: 503);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        var kept = await ResolveAsync(tolerant, url);
        var refused = await ResolveAsync(strict, url);

        Assert.Equal(HttpStatusCode.OK, kept.Status);
        Assert.Equal("Kept", kept.Json.GetProperty("client").GetProperty("client_name").GetString());
        Assert.Equal(TimeSpan.Zero, kept.Response.Headers.CacheControl!.MaxAge);
        Assert.Equal((HttpStatusCode.BadGateway, "document_unavailable"), (refused.Status, refused.Error));
        Assert.Contains("answered 503", refused.Json.GetProperty("detail").GetString());
        Assert.Equal(2, TestDocumentServer.Hits(url)); // the failure is remembered across replicas: the strict one did not fetch
    }

    [Fact]
    public async Task Resolve_AtOnceOnTwoReplicas_FetchesTheDocumentOnce()
    {
        var (one, two) = (Client(platform.Start<AdminApi::Program>(Enabled())), Client(platform.Start<AdminApi::Program>(Enabled())));
        var url = TestDocumentServer.ServeAt(u => Document(u, "Busy agent"), cacheControl: "max-age=600");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => ResolveAsync(i % 2 == 0 ? one : two, url)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(1, TestDocumentServer.Hits(url));
        Assert.Single(answers.Select(a => a.Json.GetProperty("client").GetProperty("client_id").GetString()).Distinct());
    }

    [Fact]
    public async Task Resolve_WhereNotEnabled_Or_ForAHostNotTrusted_Is403_SayingTheSetting()
    {
        var untrusting = Client(platform.Start<AdminApi::Program>(new Dictionary<string, string?>(Enabled()) { ["MetadataDocuments:TrustedHosts:0"] = "*.example.com" }));
        var url = TestDocumentServer.ServeAt(u => Document(u));

        var disabled = await _admin.SendAsync(HttpMethod.Get, $"/admin/clients/resolve?client_id={Uri.EscapeDataString(url)}");
        var untrusted = await ResolveAsync(untrusting, url);

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (disabled.Status, disabled.Error));
        Assert.Contains("MetadataDocuments:Enabled", disabled.Json.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (untrusted.Status, untrusted.Error));
        Assert.Contains("MetadataDocuments:TrustedHosts", untrusted.Json.GetProperty("detail").GetString());
        Assert.Equal(0, TestDocumentServer.Hits(url));
    }

    private HttpClient Client(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<AdminApi::Program> service)
    {
        var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _admin.Secret);
        return http;
    }

    private static async Task<Answer> ResolveAsync(HttpClient http, string clientId)
    {
        var response = await http.GetAsync($"/admin/clients/resolve?client_id={Uri.EscapeDataString(clientId)}", Ct);
        return new Answer(response.StatusCode, response, await response.Content.ReadAsStringAsync(Ct));
    }
}
