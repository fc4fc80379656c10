using ClientPlatform.Clients.Core;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// Issue 34, on a deployment that upgrades: the migration that adds each client's source gives the clients already there
/// theirs (an administrator's has no registration access token; a statement outranks its token), and their last use so
/// far from their secrets' uses. Runs on a database of its own on the pipeline's PostgreSQL, migrated as an upgrade would be.
/// </summary>
[Collection(AuditPipelineCollection.Name)]
public sealed class SourceBackfillTests(AuditPipelineFixture pipeline)
{
    private const string MigrationBefore = "20261207110634_IdempotencyAndListFilters";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migration_GivesEachClientItsSource_AndItsLastUseFromItsSecrets()
    {
        await using var database = await UpgradedDatabase.AtAsync(pipeline, MigrationBefore);
        var db = database.Db;
        await database.ExecuteAsync("""
            INSERT INTO clients (client_id, token_endpoint_auth_method, redirect_uris, grant_types, response_types, contacts, post_logout_redirect_uris,
                                 localized_metadata, application_type, subject_type, id_token_signed_response_alg, require_auth_time,
                                 require_pushed_authorization_requests, is_trusted, skip_consent, allow_claims_without_scope, update_locked,
                                 delete_locked, created_at, updated_at, registration_token_hash, software_statement, initial_access_token_id)
            SELECT id, 'client_secret_basic', '{https://app.example/cb}', '{authorization_code}', '{code}', '{}', '{}', '{}', 'web', 'public', 'RS256',
                   false, false, false, false, false, false, false, now(), now(), token, statement, grant_id
            FROM (VALUES ('created', NULL, NULL, NULL), ('open', 'sha256$o', NULL, NULL), ('granted', 'sha256$g', NULL, 'iat_1'),
                         ('stated', 'sha256$s', 'eyJ.statement.sig', 'iat_2')) AS c(id, token, statement, grant_id);
            INSERT INTO client_secret_usage (client_id, secret_id, last_used_at)
            VALUES ('open', 's1', '2026-12-01T10:00:00Z'), ('open', 's2', '2026-12-03T10:00:00Z');
            """);

        await database.UpgradeAsync();

        var sources = await db.Clients.AsNoTracking().ToDictionaryAsync(c => c.ClientId, c => c.Source, Ct);
        Assert.Equal(ClientSources.Admin, sources["created"]);
        Assert.Equal(ClientSources.Dynamic, sources["open"]);
        Assert.Equal(ClientSources.InitialAccessToken, sources["granted"]);
        Assert.Equal(ClientSources.SoftwareStatement, sources["stated"]);
        var usage = await db.ClientUsage.AsNoTracking().ToListAsync(Ct);
        var open = Assert.Single(usage);
        Assert.Equal(("open", new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero)), (open.ClientId, open.LastUsedAt));
    }
}
