using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>
/// Issue 31, item 1: an initial access token's policy binds the client it registered for life, through the gateway —
/// its own RFC 7592 updates and secret rotations are held to it with the errors registration gives, even after the
/// token is revoked; an administrator may go beyond it, and the audit log says so.
/// </summary>
[Collection(ClosedRegistrationCollection.Name)]
public sealed class BoundPolicyTests(ClosedRegistrationPlatform platform)
{
    private readonly ClosedApi _api = new(platform);

    private const string Policy =
        """{"max_uses":5,"policy":{"grant_types":["authorization_code"],"redirect_uri_hosts":["*.partner.example"],"scopes":["openid"]}}""";

    private const string InPolicy =
        """{"redirect_uris":["https://app.partner.example/cb"],"grant_types":["authorization_code"],"scope":"openid"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("redirect_uris", """["https://evil.example/cb"]""", "invalid_redirect_uri")]
    [InlineData("grant_types", """["authorization_code","client_credentials"]""", "invalid_client_metadata")]
    [InlineData("scope", "\"openid admin payments:write\"", "invalid_client_metadata")]
    public async Task Update_OutsideTheTokensPolicy_RefusedAsAtRegistrationAndNothingStored(string member, string value, string error)
    {
        var (tokenId, token) = await _api.IssueAsync(Policy);
        var (clientId, registration) = await RegisterAsync(token);
        // The token itself no longer matters: the client carries its policy.
        await _api.AdminAsync(HttpMethod.Delete, $"/admin/initial-access-tokens/{tokenId}");

        var reply = await UpdateAsync(clientId, registration, body => body[member] = JsonNode.Parse(value));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(error, reply.Error);
        Assert.StartsWith($"{member}:", reply.String("error_description"));
        Assert.Contains("not allowed by the initial access token", reply.String("error_description"));
        var stored = await _api.ReadAsync(clientId, registration.GetProperty("registration_access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, stored.Status);
        Assert.Equal(registration.GetProperty(member).GetRawText(), stored.Json.GetProperty(member).GetRawText());
    }

    [Fact]
    public async Task Update_InsideTheTokensPolicy_Accepted()
    {
        var (_, token) = await _api.IssueAsync(Policy);
        var (clientId, registration) = await RegisterAsync(token);
        var reply = await UpdateAsync(clientId, registration, body => body["redirect_uris"] = new JsonArray("https://other.partner.example/cb"));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("https://other.partner.example/cb", reply.Json.GetProperty("redirect_uris")[0].GetString());
    }

    [Fact]
    public async Task AdminGoesBeyondThePolicy_AuditedAsSuch_AndTheClientStillCannot()
    {
        var (tokenId, token) = await _api.IssueAsync(Policy);
        var (clientId, registration) = await RegisterAsync(token);
        var view = await _api.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}");
        Assert.Equal(tokenId, view.Json.GetProperty("client").GetProperty("initial_access_token_id").GetString());
        Assert.Equal("*.partner.example", view.Json.GetProperty("client").GetProperty("registration_policy").GetProperty("redirect_uri_hosts")[0].GetString());

        var changed = await _api.AdminAsync(HttpMethod.Put, $"/admin/clients/{clientId}", """{"grant_types":["authorization_code","client_credentials"]}""");
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        var audit = await _api.AuditActionsAsync(clientId, 3);
        var overridden = Assert.Single(audit, row => row.Action == "client_policy_overridden");
        Assert.Contains("client_credentials", overridden.Changes);

        // The administrator's exception is not the client's: its own changes are still held to the policy.
        var secret = await _api.ManageAsync(HttpMethod.Post, $"/register/{clientId}/secret", registration.GetProperty("registration_access_token").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, secret.Status);
        Assert.Equal("invalid_client_metadata", secret.Error);
        var current = (await _api.AdminAsync(HttpMethod.Get, $"/admin/clients/{clientId}")).Json.GetProperty("client");
        var update = await UpdateAsync(clientId, registration, body => body["grant_types"] = JsonNode.Parse(current.GetProperty("grant_types").GetRawText()));
        Assert.Equal(HttpStatusCode.BadRequest, update.Status);
        Assert.Equal("invalid_client_metadata", update.Error);
    }

    [Fact]
    public async Task RotateSecret_InsideThePolicy_Accepted()
    {
        var (_, token) = await _api.IssueAsync(Policy);
        var (clientId, registration) = await RegisterAsync(token);
        var rotated = await _api.ManageAsync(HttpMethod.Post, $"/register/{clientId}/secret", registration.GetProperty("registration_access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotNull(rotated.String("client_secret"));
    }

    private async Task<(string Id, JsonElement Registration)> RegisterAsync(string token)
    {
        var reply = await _api.RegisterAsync(InPolicy, token);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return (reply.String("client_id")!, reply.Json.Clone());
    }

    /// <summary>RFC 7592 §2.2: the whole registration again with one member changed, with the client's own token.</summary>
    private async Task<Reply> UpdateAsync(string clientId, JsonElement registration, Action<JsonObject> change)
    {
        var body = JsonNode.Parse(registration.GetRawText())!.AsObject();
        foreach (var name in new[] { "registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at", "client_secret" })
            body.Remove(name);
        change(body);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/register/{clientId}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registration.GetProperty("registration_access_token").GetString());
        return await Reply.FromAsync(await platform.Gateway.SendAsync(request, Ct));
    }
}
