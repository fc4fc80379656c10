using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// Issue 31, item 1, on a deployment that upgrades: clients registered with a policy token before the policy was kept
/// on the client are bound by the migration that adds it, found through the audit log's initial_access_token_used events.
/// Runs on a database of its own on the pipeline's PostgreSQL, migrated step by step as an upgrade would be.
/// </summary>
[Collection(AuditPipelineCollection.Name)]
public sealed class PolicyBackfillTests(AuditPipelineFixture pipeline)
{
    private const string MigrationBefore = "20261204152637_ShardClientCount";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migration_BindsClientsRegisteredWithAPolicyTokenBeforeIt()
    {
        await using var database = await UpgradedDatabase.AtAsync(pipeline, MigrationBefore);
        var db = database.Db;
        await database.ExecuteAsync("""
            INSERT INTO initial_access_tokens (id, token_hash, expires_at, max_uses, remaining_uses, allowed_grant_types, allowed_redirect_uri_hosts, allowed_scopes, created_at)
            VALUES ('iat_policy', 'sha256$a', now(), 2, 0, '{authorization_code}', '{*.partner.example}', NULL, now()),
                   ('iat_open', 'sha256$b', now(), 1, 0, NULL, NULL, NULL, now());
            INSERT INTO clients (client_id, token_endpoint_auth_method, redirect_uris, grant_types, response_types, contacts, post_logout_redirect_uris,
                                 localized_metadata, application_type, subject_type, id_token_signed_response_alg, require_auth_time,
                                 require_pushed_authorization_requests, is_trusted, skip_consent, allow_claims_without_scope, update_locked,
                                 delete_locked, created_at, updated_at)
            SELECT id, 'none', '{https://app.partner.example/cb}', '{authorization_code}', '{code}', '{}', '{}', '{}', 'web', 'public', 'RS256',
                   false, false, false, false, false, false, false, now(), now()
            FROM unnest(ARRAY['bound', 'open', 'unrelated']) AS id;
            INSERT INTO audit_log (event_id, version, occurred_at, recorded_at, actor_kind, actor_id, action, resource_type, resource_id, changes,
                                   success, status, previous_hash, hash)
            VALUES (gen_random_uuid(), 1, now(), now(), 'client', 'bound', 'initial_access_token_used', 'initial_access_token', 'iat_policy',
                    '[{"field":"client_id","before":null,"after":"bound"},{"field":"remaining_uses","before":1,"after":0}]', true, 201, '\x00', '\x01'),
                   (gen_random_uuid(), 1, now(), now(), 'client', 'open', 'initial_access_token_used', 'initial_access_token', 'iat_open',
                    '[{"field":"client_id","before":null,"after":"open"},{"field":"remaining_uses","before":1,"after":0}]', true, 201, '\x01', '\x02');
            """);

        await database.UpgradeAsync();

        var bound = await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == "bound", Ct);
        Assert.Equal("iat_policy", bound.InitialAccessTokenId);
        Assert.Equal(["authorization_code"], bound.RegistrationPolicy!.GrantTypes!);
        Assert.Equal(["*.partner.example"], bound.RegistrationPolicy.RedirectUriHosts!);
        Assert.Null(bound.RegistrationPolicy.Scopes);
        var open = await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == "open", Ct);
        Assert.Equal("iat_open", open.InitialAccessTokenId);
        Assert.Null(open.RegistrationPolicy); // a token without a policy binds nothing
        var unrelated = await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == "unrelated", Ct);
        Assert.Null(unrelated.InitialAccessTokenId);
        Assert.Null(unrelated.RegistrationPolicy);
    }
}
