using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>RFC 6750 on /register/{id}, and the RFC 7592 token rules (MGT-14…20).</summary>
[Collection(PlatformCollection.Name)]
public sealed class BearerTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [Trait("Checklist", "BEA-01")]
    public async Task Read_SchemeInAnyCase_Returns200(string scheme)
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.ReadAsync(client.Id, client.Token, scheme);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    [Trait("Checklist", "MGT-15")]
    [Trait("Checklist", "BEA-02")]
    public async Task Read_WithoutToken_Returns401WithRealmOnly()
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.ReadAsync(client.Id, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Bearer realm=\"clientplatform\"", reply.Challenge);
        Assert.True(reply.NoStore);
    }

    [Fact]
    [Trait("Checklist", "MGT-14")]
    [Trait("Checklist", "BEA-04")]
    [Trait("Checklist", "BEA-09")]
    [Trait("Checklist", "BEA-10")]
    public async Task Read_WithAWrongToken_Returns401InvalidToken()
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.ReadAsync(client.Id, "nope");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (reply.Status, reply.Error));
        Assert.StartsWith("Bearer realm=\"clientplatform\", error=\"invalid_token\", error_description=\"", reply.Challenge);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(reply.Challenge!, "error="));
        Assert.Matches("^[\\x20-\\x7E]*$", reply.Challenge);
    }

    [Fact]
    [Trait("Checklist", "MGT-16")]
    [Trait("Checklist", "MGT-17")]
    public async Task Read_OfANonexistentClient_Returns401_AndRevokesTheToken()
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.ReadAsync("nonexistent-client", client.Token);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (reply.Status, reply.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.ReadAsync(client.Id, client.Token)).Status);
    }

    [Fact]
    [Trait("Checklist", "MGT-18")]
    [Trait("Checklist", "MGT-20")]
    public async Task Read_WithAnotherClientsToken_Looks_Like_An_Unknown_Token_And_Leaves_The_Other_Client_Alone()
    {
        var a = await _api.RegisteredAsync();
        var b = await _api.RegisteredAsync();

        var crossed = await _api.ReadAsync(b.Id, a.Token);
        var unknown = await _api.ReadAsync("nonexistent-client", "random-token");
        var wrong = await _api.ReadAsync(b.Id, "random-token");

        Assert.Equal((crossed.Status, crossed.Challenge, crossed.Body), (wrong.Status, wrong.Challenge, wrong.Body));
        Assert.Equal((unknown.Status, unknown.Challenge, unknown.Body), (wrong.Status, wrong.Challenge, wrong.Body));
        Assert.Equal(HttpStatusCode.OK, (await _api.ReadAsync(b.Id, b.Token)).Status);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer a b")]
    [InlineData("Bearer to\"ken")]
    [Trait("Checklist", "BEA-06")]
    public async Task Read_WithAMalformedHeader_Returns400InvalidRequest(string header)
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.ReadAsync(client.Id, header, scheme: null);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reply.Status, reply.Error));
        Assert.Contains("error=\"invalid_request\"", reply.Challenge);
    }

    [Fact]
    [Trait("Checklist", "BEA-06")]
    [Trait("Checklist", "BEA-07")]
    public async Task Read_TokenInTheQuery_AloneIs401_WithAHeaderIs400()
    {
        var client = await _api.RegisteredAsync();
        using var queryOnly = new HttpRequestMessage(HttpMethod.Get, $"/register/{client.Id}?access_token={client.Token}");
        using var both = new HttpRequestMessage(HttpMethod.Get, $"/register/{client.Id}?access_token={client.Token}");
        both.Headers.TryAddWithoutValidation("Authorization", $"Bearer {client.Token}");

        var alone = await Reply.FromAsync(await _api.Http.SendAsync(queryOnly, TestContext.Current.CancellationToken));
        var twice = await Reply.FromAsync(await _api.Http.SendAsync(both, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, alone.Status);
        Assert.DoesNotContain("error=", alone.Challenge);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (twice.Status, twice.Error));
    }

    [Fact]
    [Trait("Checklist", "MGT-64")]
    public async Task Delete_WithoutToken_Returns401_AndTheClientStillExists()
    {
        var client = await _api.RegisteredAsync();

        var reply = await _api.DeleteAsync(client.Id, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.ReadAsync(client.Id, client.Token)).Status);
    }

    [Fact]
    [Trait("Checklist", "C-2")]
    [Trait("Checklist", "MGT-81")]
    public async Task Read_WithAnExpiredToken_Returns401SayingExpired()
    {
        var client = await _api.RegisteredAsync();
        await _api.ExecuteAsync("UPDATE clients SET registration_token_expires_at = now() - interval '1 second' WHERE client_id = @id", client.Id);

        var reply = await _api.ReadAsync(client.Id, client.Token);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (reply.Status, reply.Error));
        Assert.Contains("expired", reply.String("error_description"));
    }
}
