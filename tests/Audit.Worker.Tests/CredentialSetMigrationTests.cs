using ClientPlatform.Clients.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// Issue 34, on a deployment that upgrades: the migration to credential sets keeps every client's secrets as they
/// were — the current one, and the previous one while its grace period lasts — and they verify as before. Runs on a
/// database of its own on the pipeline's PostgreSQL, migrated step by step as an upgrade would be.
/// </summary>
[Collection(AuditPipelineCollection.Name)]
public sealed class CredentialSetMigrationTests(AuditPipelineFixture pipeline)
{
    private const string MigrationBefore = "20261206105016_CreateServiceRoles";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migration_KeepsCurrentAndGracePeriodSecrets_TheyStillVerify_AnEndedOneIsDropped()
    {
        var hasher = new SecretHasher(SecretHasher.MinWorkFactor);
        var (current, previous, ended) = (SecretGenerator.NewSecret(), SecretGenerator.NewSecret(), SecretGenerator.NewSecret());
        await using var database = await UpgradedDatabase.AtAsync(pipeline, MigrationBefore);
        var db = database.Db;
        await database.ExecuteAsync($$"""
            INSERT INTO clients (client_id, token_endpoint_auth_method, redirect_uris, grant_types, response_types, contacts, post_logout_redirect_uris,
                                 localized_metadata, application_type, subject_type, id_token_signed_response_alg, require_auth_time,
                                 require_pushed_authorization_requests, is_trusted, skip_consent, allow_claims_without_scope, update_locked,
                                 delete_locked, created_at, updated_at, secret_hash, secret_expires_at, previous_secret_hash, previous_secret_expires_at)
            VALUES ('rotating', 'client_secret_basic', '{https://app.example/cb}', '{authorization_code}', '{code}', '{}', '{}', '{}', 'web',
                    'public', 'RS256', false, false, false, false, false, false, false, now() - interval '2 days', now() - interval '1 hour',
                    '{{hasher.Hash(current)}}', NULL, '{{hasher.Hash(previous)}}', now() + interval '1 day'),
                   ('ended', 'client_secret_basic', '{https://app.example/cb}', '{authorization_code}', '{code}', '{}', '{}', '{}', 'web',
                    'public', 'RS256', false, false, false, false, false, false, false, now() - interval '2 days', now() - interval '1 hour',
                    '{{hasher.Hash(current)}}', now() + interval '90 days', '{{hasher.Hash(ended)}}', now() - interval '1 minute'),
                   ('public', 'none', '{https://app.example/cb}', '{authorization_code}', '{code}', '{}', '{}', '{}', 'web',
                    'public', 'RS256', false, false, false, false, false, false, false, now(), now(), NULL, NULL, NULL, NULL);
            """);

        await database.UpgradeAsync();

        var now = DateTimeOffset.UtcNow;
        var rotating = await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == "rotating", Ct);
        Assert.Equal(2, rotating.Secrets.Count);
        Assert.Same(rotating.CurrentSecret(), ClientCredentials.VerifySecret(rotating, current, now));
        Assert.Null(rotating.CurrentSecret()!.ExpiresAt);
        Assert.Same(rotating.Secrets[0], ClientCredentials.VerifySecret(rotating, previous, now));
        Assert.InRange(rotating.Secrets[0].ExpiresAt!.Value, now + TimeSpan.FromHours(23), now + TimeSpan.FromHours(25));
        var endedClient = await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == "ended", Ct);
        Assert.Single(endedClient.Secrets);
        Assert.Null(ClientCredentials.VerifySecret(endedClient, ended, now));
        Assert.InRange(endedClient.CurrentSecret()!.ExpiresAt!.Value, now + TimeSpan.FromDays(89), now + TimeSpan.FromDays(91));
        Assert.Empty((await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == "public", Ct)).Secrets);
        Assert.All(rotating.Secrets.Concat(endedClient.Secrets), s => Assert.Matches("^cs_[0-9a-f]{16}$", s.Id));
        // The sweep's column (SecretExpirySweep) holds each set's first expiry, as the code derives it: the ended one's too.
        var firstExpiries = await db.Database.SqlQueryRaw<FirstExpiry>("SELECT client_id AS \"ClientId\", secrets_expire_at AS \"At\" FROM clients")
            .ToDictionaryAsync(r => r.ClientId, r => r.At, Ct);
        Assert.Equal(rotating.SecretsExpireAt, firstExpiries["rotating"]);
        Assert.Equal(endedClient.SecretsExpireAt, firstExpiries["ended"]);
        Assert.Null(firstExpiries["public"]);
    }

    private sealed record FirstExpiry(string ClientId, DateTimeOffset? At);
}
