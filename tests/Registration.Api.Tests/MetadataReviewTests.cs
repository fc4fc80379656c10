using System.Net;
using ClientPlatform.ServiceDefaults;
using ClientPlatform.Testing;
using Npgsql;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>DCR-49 (RFC 7591 §5): informational URIs on another host than the redirect URIs are accepted, and flagged in the audit log.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MetadataReviewTests(PlatformFixture platform)
{
    private readonly Api _api = new(platform);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DCR49_LogoOnAnotherHost_Is201_AndAnAuditRecordFlagsJustThatMember()
    {
        var reply = await _api.RegisterAsync("""
            {"redirect_uris":["https://app.example.org/cb"],"client_name":"Flag me",
             "logo_uri":"https://cdn.elsewhere.example/logo.png","tos_uri":"https://app.example.org/tos"}
            """);
        var clientId = reply.String("client_id")!;

        var rows = await AuditRowsAsync(clientId, until: "client_metadata_flagged");

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        var flagged = Assert.Single(rows, r => r.Action == "client_metadata_flagged");
        Assert.Contains("logo_uri", flagged.Changes);
        Assert.Contains("cdn.elsewhere.example", flagged.Changes);
        Assert.DoesNotContain("tos_uri", flagged.Changes);
    }

    [Fact]
    public async Task DCR49_InformationalUrisOnTheRedirectHost_AreNotFlagged()
    {
        var client = await _api.RegisteredAsync("""
            {"redirect_uris":["https://app.example.org/cb"],"client_name":"Fine",
             "logo_uri":"https://app.example.org/logo.png","policy_uri":"https://APP.example.org/privacy"}
            """);
        // An update after it: once its event is in the log, the registration's (committed before) is too.
        await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["client_name"] = "Still fine"));

        var rows = await AuditRowsAsync(client.Id, until: "client_updated");

        Assert.Contains(rows, r => r.Action == "client_registered");
        Assert.DoesNotContain(rows, r => r.Action == "client_metadata_flagged");
    }

    private async Task<List<(string Action, string Changes)>> AuditRowsAsync(string clientId, string until)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString(ResourceNames.ClientsDb));
        await connection.OpenAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var query = new NpgsqlCommand("SELECT action, changes FROM audit_log WHERE resource_id = @id ORDER BY seq", connection);
            query.Parameters.AddWithValue("id", clientId);
            var rows = new List<(string, string)>();
            await using (var reader = await query.ExecuteReaderAsync(Ct))
                while (await reader.ReadAsync(Ct))
                    rows.Add((reader.GetString(0), reader.GetString(1)));
            if (rows.Any(r => r.Item1 == until))
                return rows;
            Assert.True(DateTime.UtcNow < deadline, $"no {until} event for {clientId} within 30 s");
            await Task.Delay(200, Ct);
        }
    }
}
