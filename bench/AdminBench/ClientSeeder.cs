using System.Diagnostics;
using ClientPlatform.Clients.Core.Security;
using Npgsql;
using NpgsqlTypes;

namespace ClientPlatform.Bench.Admin;

/// <summary>
/// Loads clients straight into PostgreSQL by binary COPY: through the API, BCrypt alone would take most of
/// an hour for 100,000. The rows look like real ones: web, native, service and CLI clients with their
/// URIs, grants, contacts and token hashes, created over two years.
/// </summary>
internal static class ClientSeeder
{
    private const string Copy =
        "COPY clients (client_id, secrets, registration_token_hash, registration_token_expires_at, client_name, client_uri, " +
        "logo_uri, tos_uri, policy_uri, localized_metadata, redirect_uris, post_logout_redirect_uris, grant_types, response_types, " +
        "scope, contacts, token_endpoint_auth_method, software_id, software_version, application_type, subject_type, " +
        "id_token_signed_response_alg, require_auth_time, require_pushed_authorization_requests, is_trusted, skip_consent, " +
        "allow_claims_without_scope, update_locked, delete_locked, created_at, updated_at, source) FROM STDIN (FORMAT BINARY)";

    private const string CopyUsage = "COPY client_usage (client_id, last_used_at) FROM STDIN (FORMAT BINARY)";

    /// <summary>How many self-registered clients were ever used (the others are what a never-used rule takes).</summary>
    private const double UsedShare = 0.9;

    private const int MaxVacuums = 10;

    private static readonly TimeSpan History = TimeSpan.FromDays(730);

    /// <returns>The id of one loaded client (to search by), the load time and the time to settle the table.</returns>
    public static async Task<(string SampleId, TimeSpan Load, TimeSpan Analyze)> SeedAsync(string connectionString, int count)
    {
        // The load's statements run for minutes (a COPY of 1,000,000 rows, then its statement-level triggers).
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        var random = new Random(42);
        // One real BCrypt hash for every confidential client: its shape matters here, not its value.
        var secretHash = new SecretHasher(10).Hash(SecretGenerator.NewSecret());
        var now = DateTimeOffset.UtcNow;
        var step = History / count;
        var sampleId = "";

        var clock = Stopwatch.StartNew();
        var uses = new List<(string Id, DateTimeOffset At)>(count);
        await using (var copy = await connection.BeginBinaryImportAsync(Copy))
        {
            for (var i = 0; i < count; i++)
            {
                var id = SecretGenerator.NewClientId();
                if (i == count / 2)
                    sampleId = id;
                var created = now - History + step * i + step * random.NextDouble();
                var updated = created + TimeSpan.FromDays(60) * random.NextDouble();
                var source = await WriteAsync(copy, i, id, created, updated < now ? updated : now, secretHash, random);
                // Issue 34: most clients have been used, at a time between their registration and now.
                if (source == "admin" || random.NextDouble() < UsedShare)
                    uses.Add((id, created + (now - created) * random.NextDouble()));
            }
            await copy.CompleteAsync();
        }
        // Statistics before the next load: its foreign-key checks against clients are planned once for the whole COPY, and
        // planned on a table the planner still thinks empty (autovacuum had not analyzed it yet) each check walked an
        // index: 930,000 checks ran for over 7 minutes, where they take seconds.
        await using (var analyze = new NpgsqlCommand("ANALYZE clients", connection))
            await analyze.ExecuteNonQueryAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(CopyUsage))
        {
            foreach (var (id, at) in uses)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Varchar);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        var load = clock.Elapsed;

        clock.Restart();
        await SettleAsync(connection);
        return (sampleId, load, clock.Elapsed);
    }

    /// <summary>
    /// What autovacuum would do on its own, done now so the figures are those of a settled table: statistics,
    /// and the visibility map that lets a count or an offset read an index without visiting the rows. A VACUUM
    /// cannot mark pages that an open snapshot elsewhere (the platform's own background work) may still need,
    /// so it is repeated until the table is all-visible.
    /// </summary>
    private static async Task SettleAsync(NpgsqlConnection connection)
    {
        for (var attempt = 0; attempt < MaxVacuums; attempt++)
        {
            await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) clients, client_usage", connection))
                await vacuum.ExecuteNonQueryAsync();
            await using var visible = new NpgsqlCommand("SELECT relallvisible >= relpages FROM pg_class WHERE relname = 'clients'", connection);
            if (await visible.ExecuteScalarAsync() is true)
                return;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        Console.WriteLine($"warning: the clients table is not all-visible after {MaxVacuums} VACUUMs; counts and offsets will read rows");
    }

    /// <returns>The client's source (issue 34): of the self-registered, 80 % open, 15 % with an initial access token, 5 % by statement.</returns>
    private static async Task<string> WriteAsync(
        NpgsqlBinaryImporter copy, int i, string id, DateTimeOffset created, DateTimeOffset updated, string secretHash, Random random)
    {
        var (slug, product, kind) = (SeedNames.Slug(i), SeedNames.Product(i).ToLowerInvariant(), SeedNames.Kind(i));
        var site = $"https://{slug}.example.com";
        var selfRegistered = random.NextDouble() < 0.7;
        var trusted = random.NextDouble() < 0.05;
        var (method, grants, responses, redirects, appType) = kind switch
        {
            "Web" => ("client_secret_basic", new[] { "authorization_code", "refresh_token" }, new[] { "code" },
                      new[] { $"{site}/{product}/callback", $"{site}/{product}/silent-renew" }, "web"),
            "iOS" or "Android" => ("none", ["authorization_code", "refresh_token"], ["code"], [$"com.{slug}.{product}:/oauth2redirect"], "native"),
            "Backend" => ("client_secret_post", ["client_credentials"], [], [], "web"),
            _ => ("none", ["authorization_code"], ["code"], ["http://127.0.0.1/callback"], "native"),
        };

        await copy.StartRowAsync();
        await copy.WriteAsync(id, NpgsqlDbType.Varchar);
        // The credential set (issue 34): one secret, as a client registered once and never rotated has.
        await copy.WriteAsync(method.StartsWith("client_secret", StringComparison.Ordinal)
            ? $$"""[{"Id":"cs_seed{{i:D11}}","Hash":"{{secretHash}}","CreatedAt":"{{created:O}}","ExpiresAt":null}]""" : "[]", NpgsqlDbType.Jsonb);
        await WriteOrNullAsync(copy, selfRegistered ? TokenHasher.Hash(SecretGenerator.NewSecret()) : null);
        if (selfRegistered)
            await copy.WriteAsync(created + TimeSpan.FromDays(30), NpgsqlDbType.TimestampTz);
        else
            await copy.WriteNullAsync();
        await copy.WriteAsync(SeedNames.Name(i), NpgsqlDbType.Varchar);
        await copy.WriteAsync(site, NpgsqlDbType.Varchar);
        await copy.WriteAsync($"{site}/logo.png", NpgsqlDbType.Varchar);
        await WriteOrNullAsync(copy, i % 2 == 0 ? $"{site}/terms" : null);
        await WriteOrNullAsync(copy, i % 2 == 0 ? $"{site}/privacy" : null);
        await copy.WriteAsync("{}", NpgsqlDbType.Jsonb);
        await copy.WriteAsync(redirects, NpgsqlDbType.Array | NpgsqlDbType.Text);
        await copy.WriteAsync(kind == "Web" ? new[] { $"{site}/" } : [], NpgsqlDbType.Array | NpgsqlDbType.Text);
        await copy.WriteAsync(grants, NpgsqlDbType.Array | NpgsqlDbType.Text);
        await copy.WriteAsync(responses, NpgsqlDbType.Array | NpgsqlDbType.Text);
        await copy.WriteAsync(kind == "Backend" ? $"{product}.read {product}.write" : "openid profile email offline_access", NpgsqlDbType.Varchar);
        await copy.WriteAsync(new[] { $"admin@{slug}.example.com" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
        await copy.WriteAsync(method, NpgsqlDbType.Varchar);
        await copy.WriteAsync($"{slug}-{product}-{kind.ToLowerInvariant()}", NpgsqlDbType.Varchar);
        await copy.WriteAsync($"{random.Next(1, 5)}.{random.Next(0, 20)}.{random.Next(0, 10)}", NpgsqlDbType.Varchar);
        await copy.WriteAsync(appType, NpgsqlDbType.Varchar);
        await copy.WriteAsync("public", NpgsqlDbType.Varchar);
        await copy.WriteAsync("RS256", NpgsqlDbType.Varchar);
        await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        await copy.WriteAsync(trusted, NpgsqlDbType.Boolean);
        await copy.WriteAsync(trusted, NpgsqlDbType.Boolean);
        await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        await copy.WriteAsync(random.NextDouble() < 0.02, NpgsqlDbType.Boolean);
        await copy.WriteAsync(random.NextDouble() < 0.02, NpgsqlDbType.Boolean);
        await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(updated, NpgsqlDbType.TimestampTz);
        var draw = random.NextDouble();
        var source = !selfRegistered ? "admin" : draw < 0.8 ? "dynamic" : draw < 0.95 ? "initial_access_token" : "software_statement";
        await copy.WriteAsync(source, NpgsqlDbType.Varchar);
        return source;
    }

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Varchar);
}
