using System.Net;
using ClientPlatform.Testing;

namespace ClientPlatform.Registration.Api.Tests;

/// <summary>MGT-83 and the acceptance: secrets and tokens are never logged, audited or stored in clear.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SecretHandlingTests(RegistrationApis platform)
{
    private readonly Api _api = new(platform);

    [Fact]
    public async Task FullCycle_SecretsAndTokens_AppearInNoLogLineNoAuditEventAndNoColumnInClear()
    {
        // Arrange, act: register, read, update (rotation), a refused token, delete.
        var client = await _api.RegisteredAsync();
        await _api.ReadAsync(client.Id, client.Token);
        var updated = await _api.UpdateAsync(client.Id, client.Token, Api.UpdateBody(client.Json, b => b["client_name"] = "cycle"));
        var token2 = updated.String("registration_access_token")!;
        await _api.ReadAsync(client.Id, client.Token); // the rotated-out token: refused
        // The credential set (issue 34): the current secret is the last of the stored array.
        var storedSecrets = await _api.StoredAsync<string>(client.Id, "secrets::text");
        var storedSecretHash = await _api.StoredAsync<string>(client.Id, "secrets -> -1 ->> 'Hash'");
        var storedTokenHash = await _api.StoredAsync<string>(client.Id, "registration_token_hash");
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync(client.Id, token2)).Status);
        var events = await _api.AuditRowsAsync(client.Id, rows => rows.Count >= 5);

        // Assert: stored only as hashes that do not contain the value.
        Assert.StartsWith("bcrypt$", storedSecretHash);
        Assert.StartsWith("sha256$", storedTokenHash);
        Assert.DoesNotContain(client.Secret!, storedSecrets);
        string[] secrets = [client.Secret!, client.Token, token2, storedSecretHash!, storedTokenHash!];
        // Every log line: the APIs' here, the audit worker's and the migrator's as their processes wrote them.
        var logs = platform.Logs.All.Concat(platform.ApiLogs.Entries.Select(e => e.Message)).ToList();
        Assert.All(secrets, s => Assert.DoesNotContain(logs, line => line.Contains(s, StringComparison.Ordinal)));
        Assert.All(secrets, s => Assert.DoesNotContain(events, row => row.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Audit_RegistrationReadUpdateDelete_AreRecordedWithTheCallersAddressAndAgent()
    {
        var client = await _api.RegisteredAsync();
        await _api.ReadAsync(client.Id, client.Token);
        await _api.ReadAsync(client.Id, "wrong-token");

        var rows = await _api.AuditRowsAsync(client.Id, rows => rows.Count >= 2);

        Assert.Contains(rows, r => r.Contains("client_registered") && r.Contains("127.0.0.1"));
        Assert.Contains(rows, r => r.Contains("client_read"));
        // A refused token proves nothing about the client it named: its (sampled) event names it as a claim only,
        // never as the resource, so it is not in this client's trail (issue 31; ScaleOut.Tests FailedCredentialTests).
        Assert.DoesNotContain(rows, r => r.Contains("access_denied"));
    }
}
