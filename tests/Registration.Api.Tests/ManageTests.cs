using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>GET, PUT and DELETE /register/{id} (RFC 7592), through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ManageTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    [Fact]
    [Trait("Checklist", "MGT-01")]
    [Trait("Checklist", "MGT-02")]
    [Trait("Checklist", "MGT-10")]
    [Trait("Checklist", "MGT-12")]
    public async Task Read_ReturnsMetadataTokenAndUri_ButNeverTheSecret()
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.ReadAsync(client.Id, client.Token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.NoStore);                                                             // MGT-11
        Assert.Equal(client.Token, reply.String("registration_access_token"));
        Assert.Equal(client.Uri, reply.String("registration_client_uri"));
        Assert.False(reply.Has("client_secret"));
        Assert.Equal(0, reply.Json.GetProperty("client_secret_expires_at").GetInt64());
        Assert.Equal(client.Json.GetProperty("client_id_issued_at").GetInt64(), reply.Json.GetProperty("client_id_issued_at").GetInt64());
        Assert.Equal(client.Json.GetProperty("redirect_uris").GetRawText(), reply.Json.GetProperty("redirect_uris").GetRawText()); // MGT-04
    }

    [Fact]
    [Trait("Checklist", "MGT-13")]
    public async Task Read_Twice_DoesNotRotateTheToken()
    {
        var client = await _api.RegisteredAsync();

        var first = await _api.ReadAsync(client.Id, client.Token);
        var second = await _api.ReadAsync(client.Id, client.Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Equal(client.Token, second.String("registration_access_token"));
    }

    [Fact]
    [Trait("Checklist", "MGT-30")]
    [Trait("Checklist", "MGT-34")]
    [Trait("Checklist", "MGT-35")]
    [Trait("Checklist", "MGT-38")]
    public async Task Update_ReplacesEverything_AndRotatesTheToken()
    {
        var client = await _api.RegisteredAsync("""{"redirect_uris":["https://a.example/cb","https://b.example/cb"],"client_name":"Old","logo_uri":"https://a.example/logo.png"}""");
        var body = Api.UpdateBody(client.Json, b =>
        {
            b["redirect_uris"] = new[] { "https://c.example/cb" };
            b["client_name"] = "New";
            b.Remove("logo_uri");
            b.Remove("grant_types");
        });

        var reply = await _api.UpdateAsync(client.Id, client.Token, body);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("New", reply.String("client_name"));
        Assert.Equal("""["https://c.example/cb"]""", reply.Json.GetProperty("redirect_uris").GetRawText());
        Assert.False(reply.Has("logo_uri"));
        Assert.Equal("""["authorization_code"]""", reply.Json.GetProperty("grant_types").GetRawText());
        Assert.Equal(client.Id, reply.String("client_id"));                                    // MGT-03
        var newToken = reply.String("registration_access_token")!;
        Assert.NotEqual(client.Token, newToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.ReadAsync(client.Id, client.Token)).Status);
        var read = await _api.ReadAsync(client.Id, newToken);
        Assert.Equal("New", read.String("client_name"));
        Assert.Equal(client.Json.GetProperty("client_id_issued_at").GetInt64(), read.Json.GetProperty("client_id_issued_at").GetInt64()); // MGT-41
    }

    [Theory]
    [InlineData(null)]
    [InlineData("other")]
    [Trait("Checklist", "MGT-31")]
    public async Task Update_WithoutOrWithAnotherClientId_Returns400_AndChangesNothing(string? clientId)
    {
        var client = await _api.RegisteredAsync();
        var body = Api.UpdateBody(client.Json, b =>
        {
            if (clientId is null) b.Remove("client_id"); else b["client_id"] = clientId;
            b["client_name"] = "changed";
        });

        var reply = await _api.UpdateAsync(client.Id, client.Token, body);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reply.Status, reply.Error));
        var read = await _api.ReadAsync(client.Id, client.Token);                              // MGT-39: the token still works
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Null(read.String("client_name"));
    }

    [Theory]
    [InlineData("registration_access_token")]
    [InlineData("registration_client_uri")]
    [InlineData("client_secret_expires_at")]
    [InlineData("client_id_issued_at")]
    [Trait("Checklist", "MGT-32")]
    public async Task Update_WithAServerOwnedMember_Returns400InvalidRequest(string member)
    {
        var client = await _api.RegisteredAsync();
        var body = Api.UpdateBody(client.Json, b => b[member] = client.Json.GetProperty(member));

        var reply = await _api.UpdateAsync(client.Id, client.Token, body);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reply.Status, reply.Error));
        Assert.Contains(member, reply.String("error_description"));
        Assert.Equal(HttpStatusCode.OK, (await _api.ReadAsync(client.Id, client.Token)).Status);
    }

    [Fact]
    [Trait("Checklist", "MGT-33")]
    public async Task Update_WithTheWrongSecret_Returns400_WithTheRightOne_Succeeds()
    {
        var client = await _api.RegisteredAsync();

        var wrong = await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["client_secret"] = "not-the-secret"));
        var right = await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["client_secret"] = client.Secret));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (wrong.Status, wrong.Error));
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.False(right.Has("client_secret")); // unchanged, so not shown
    }

    [Fact]
    [Trait("Checklist", "MGT-37")]
    [Trait("Checklist", "MGT-39")]
    public async Task Update_InvalidMetadata_Returns400_ChangesNothing_AndKeepsTheToken()
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["redirect_uris"] = new[] { "https://a.example/cb#f" }));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_redirect_uri"), (reply.Status, reply.Error));
        var read = await _api.ReadAsync(client.Id, client.Token);
        Assert.Equal(client.Json.GetProperty("redirect_uris").GetRawText(), read.Json.GetProperty("redirect_uris").GetRawText());
    }

    [Fact]
    [Trait("Checklist", "MGT-40")]
    public async Task Update_FromPublicToConfidential_IssuesASecret_AndBackRemovesIt()
    {
        var client = await _api.RegisteredAsync("""{"redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"none"}""");

        var confidential = await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["token_endpoint_auth_method"] = "client_secret_basic"));
        var token = confidential.String("registration_access_token")!;
        var backToPublic = await _api.UpdateAsync(client.Id, token, Api.UpdateBody(confidential.Json, b => b["token_endpoint_auth_method"] = "none"));

        Assert.NotNull(confidential.String("client_secret"));
        Assert.True(confidential.Has("client_secret_expires_at"));
        Assert.False(backToPublic.Has("client_secret_expires_at"));
        Assert.Equal("[]", await _api.StoredAsync<string>(client.Id, "secrets::text")); // the credential set emptied (issue 34)
    }

    [Fact]
    [Trait("Checklist", "MGT-43")]
    public async Task Update_AdminOnlyFlag_IsIgnored()
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["skip_consent"] = true));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(await _api.StoredAsync<bool>(client.Id, "skip_consent"));
    }

    [Fact]
    [Trait("Checklist", "MGT-45")]
    public async Task Update_TenConcurrentWithOneToken_ExactlyOneWins()
    {
        var client = await _api.RegisteredAsync();
        var body = Api.UpdateBody(client.Json, b => b["client_name"] = "race");

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _api.UpdateAsync(client.Id, client.Token, body)));

        Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
    }

    [Fact]
    [Trait("Checklist", "MGT-60")]
    [Trait("Checklist", "MGT-61")]
    [Trait("Checklist", "MGT-67")]
    public async Task Delete_Returns204_ThenEveryCallWithTheTokenIs401()
    {
        var client = await _api.RegisteredAsync();

        var deleted = await _api.DeleteAsync(client.Id, client.Token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Empty(deleted.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.ReadAsync(client.Id, client.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.DeleteAsync(client.Id, client.Token)).Status);
        Assert.Null(await _api.StoredAsync<string>(client.Id, "client_id"));
    }

    [Fact]
    [Trait("Checklist", "MGT-19")]
    [Trait("Checklist", "MGT-65")]
    public async Task LockedClient_GetsA403JsonError_AndStillExists()
    {
        var client = await _api.RegisteredAsync();
        await _api.ExecuteAsync("UPDATE clients SET update_locked = true, delete_locked = true WHERE client_id = @id", client.Id);

        var update = await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["client_name"] = "x"));
        var delete = await _api.DeleteAsync(client.Id, client.Token);

        Assert.Equal((HttpStatusCode.Forbidden, "access_denied"), (update.Status, update.Error));
        Assert.Equal((HttpStatusCode.Forbidden, "access_denied"), (delete.Status, delete.Error));
        Assert.Equal(HttpStatusCode.OK, (await _api.ReadAsync(client.Id, client.Token)).Status);
    }

    [Fact]
    [Trait("Checklist", "MGT-66")]
    public async Task UnsupportedMethods_Return405WithAllow()
    {
        var client = await _api.RegisteredAsync();

        var patch = await _api.SendAsync(HttpMethod.Patch, client.Id, client.Token, "{}");
        var getCollection = await Reply.FromAsync(await _api.Http.GetAsync("/register", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch.Status);
        Assert.Equal(["DELETE", "GET", "PUT"], patch.Response.Content.Headers.Allow.Order());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getCollection.Status);
        Assert.Equal(["POST"], getCollection.Response.Content.Headers.Allow);
    }
}
