using System.Net;
using System.Text;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>Checklist requirements that cut across the endpoints: every 401's challenge, PUT's auth errors, identifiers.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ChecklistTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Checklist", "BEA-03")]
    public async Task Every401_CarriesAWwwAuthenticateChallenge()
    {
        var client = await _api.RegisteredAsync();
        var other = await _api.RegisteredAsync();
        var body = Api.UpdateBody(client.Json);

        Reply[] unauthorized =
        [
            await _api.ReadAsync(client.Id, null),
            await _api.ReadAsync(client.Id, "not-a-token"),
            await _api.ReadAsync("no-such-client", "not-a-token"),
            await _api.UpdateAsync(client.Id, null, body),
            await _api.UpdateAsync(client.Id, "not-a-token", body),
            await _api.DeleteAsync(client.Id, null),
            await _api.DeleteAsync(client.Id, other.Token), // and other's token is revoked by it
            await _api.ReadAsync(other.Id, other.Token),
        ];

        Assert.All(unauthorized, reply =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
            Assert.StartsWith("Bearer realm=\"clientplatform\"", reply.Challenge);
        });
    }

    [Fact]
    [Trait("Checklist", "MGT-42")]
    public async Task Update_GetsTheSameAuthErrorsAsRead()
    {
        var client = await _api.RegisteredAsync();
        var other = await _api.RegisteredAsync();
        var body = Api.UpdateBody(client.Json, b => b["client_name"] = "never applied");

        var missing = await _api.UpdateAsync(client.Id, null, body);
        var wrong = await _api.UpdateAsync(client.Id, "not-a-token", body);
        var othersToken = await _api.UpdateAsync(client.Id, other.Token, body);
        var othersTokenAfterwards = await _api.ReadAsync(other.Id, other.Token);
        var unchanged = await _api.ReadAsync(client.Id, client.Token);

        Assert.Equal((HttpStatusCode.Unauthorized, "Bearer realm=\"clientplatform\""), (missing.Status, missing.Challenge));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (wrong.Status, wrong.Error));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (othersToken.Status, othersToken.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, othersTokenAfterwards.Status); // MGT-18: revoked for misuse
        Assert.NotEqual("never applied", unchanged.String("client_name"));
    }

    [Fact]
    [Trait("Checklist", "MGT-44")]
    public async Task Update_WithABodyThatIsNotJson_Is400InvalidRequest_AndNothingChanges()
    {
        var client = await _api.RegisteredAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/register/{client.Id}")
        {
            Content = new StringContent("client_name=plain", Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {client.Token}");

        var reply = await Reply.FromAsync(await _api.Http.SendAsync(request, Ct));
        var after = await _api.ReadAsync(client.Id, client.Token); // the token was not rotated

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reply.Status, reply.Error));
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    [Trait("Checklist", "BEA-08")]
    public async Task ATokenInAFormBody_IsNotAccepted()
    {
        var client = await _api.RegisteredAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/register/{client.Id}")
        {
            Content = new FormUrlEncodedContent([new("access_token", client.Token), new("client_name", "form")]),
        };

        var reply = await Reply.FromAsync(await _api.Http.SendAsync(request, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.StartsWith("Bearer realm=", reply.Challenge);
    }

    [Fact]
    [Trait("Checklist", "BEA-12")]
    public async Task AnUnknownClient_AndAWrongToken_FailTheSameWay()
    {
        var client = await _api.RegisteredAsync();

        var wrongToken = await _api.ReadAsync(client.Id, "not-a-token");
        var unknownClient = await _api.ReadAsync("no-such-client", "not-a-token");

        Assert.Equal((wrongToken.Status, wrongToken.Challenge, wrongToken.Body), (unknownClient.Status, unknownClient.Challenge, unknownClient.Body));
    }

    [Fact]
    [Trait("Checklist", "DCR-19")]
    public async Task RegistrationClientUri_IsAbsolute_AndServesTheClient()
    {
        var client = await _api.RegisteredAsync();

        var uri = new Uri(client.Uri, UriKind.Absolute);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri.PathAndQuery);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {client.Token}");
        var reply = await Reply.FromAsync(await _api.Http.SendAsync(request, Ct));

        Assert.Equal($"/register/{client.Id}", uri.AbsolutePath);
        Assert.Equal(_api.Http.BaseAddress!.Authority, uri.Authority);
        Assert.Equal(client.Id, reply.String("client_id"));
    }

    [Fact]
    [Trait("Checklist", "DCR-39")]
    public async Task ImplicitIsRefused_SoNoImplicitClientCanUseLoopback()
    {
        var reply = await _api.RegisterAsync("""{"redirect_uris":["http://localhost/cb"],"grant_types":["implicit"],"response_types":["token"]}""");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_client_metadata"), (reply.Status, reply.Error));
    }

    [Fact]
    [Trait("Checklist", "MGT-63")]
    public async Task ClientIds_AreLongRandomValues_NeverTheSameTwice()
    {
        var first = await _api.RegisteredAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync(first.Id, first.Token)).Status);

        var ids = new List<string> { first.Id };
        for (var i = 0; i < 5; i++)
            ids.Add((await _api.RegisteredAsync()).Id);

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id.Length * 6 >= 128, $"{id} carries fewer than 128 bits"));
    }
}
