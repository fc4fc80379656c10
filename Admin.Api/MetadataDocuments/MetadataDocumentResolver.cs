using System.Security.Cryptography;
using System.Text;
using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Admin.Api.Clients;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Caching;
using ClientPlatform.Clients.Infrastructure.Redis;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api.MetadataDocuments;

/// <summary>Why a client id was not resolved, in the admin API's problem terms.</summary>
internal sealed record Refusal(int Status, string Error, string Detail)
{
    public ProblemHttpResult ToProblem() => AdminProblems.Problem(Status, Error, Detail);
}

/// <summary>
/// Resolves a Client ID Metadata Document for the authorization server (issue 35): the client kept from its document while
/// that is fresh — answered from the client cache, as a read is — or else fetched once across every replica (a
/// PostgreSQL advisory lock on the URL: whoever waited finds it fresh), judged by <see cref="ClientIdMetadataDocument"/>,
/// and kept as a client of source <c>metadata_document</c>, audited when it is made and whenever its document changed.
/// A document that could not be fetched or used is refused again without a fetch for a while, on every replica (Redis).
/// </summary>
internal sealed class MetadataDocumentResolver(IOptions<MetadataDocumentOptions> options, MetadataDocumentFetch fetch, ClientsDbContext db,
    ClientCache cache, RedisCircuit redis, IAuditTrail audit, ReferencedDocuments documents, IOptions<ClientMetadataOptions> rules, TimeProvider time,
    ILogger<MetadataDocumentResolver> logger)
{
    private const string FailureKeyPrefix = "cimd:failed:";

    /// <summary>The client <paramref name="clientId"/> names, or why it is refused.</summary>
    public async Task<(Client? Client, Refusal? Refusal)> ResolveAsync(string? clientId, AdminActor caller, CancellationToken cancellation)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return Refuse(StatusCodes.Status403Forbidden, AdminProblems.Forbidden,
                $"Client ID Metadata Documents are not resolved here ({MetadataDocumentOptions.SectionName}:Enabled is false).");
        if (string.IsNullOrEmpty(clientId))
            return Refuse(StatusCodes.Status400BadRequest, AdminProblems.InvalidRequest, "client_id: required, the https URL of the client's metadata document");
        if (ClientIdMetadataDocument.UrlProblem(clientId) is { } urlProblem)
            return Refuse(StatusCodes.Status400BadRequest, AdminProblems.InvalidRequest, $"client_id: {urlProblem}");
        var host = new Uri(clientId).IdnHost;
        if (!settings.Trusts(host))
            return Refuse(StatusCodes.Status403Forbidden, AdminProblems.Forbidden,
                $"client_id: {host} is not among the hosts whose documents are resolved here ({MetadataDocumentOptions.SectionName}:TrustedHosts).");

        // The read path: a fresh document's client, from the cache.
        var now = time.GetUtcNow();
        var known = await cache.GetOrLoadAsync(clientId, () => db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation));
        if (known is not null && known.Source != ClientSources.MetadataDocument)
            return Refuse(StatusCodes.Status409Conflict, AdminProblems.Conflict, $"client_id: {clientId} is a client of another kind ({known.Source}).");
        if (known?.DocumentFreshUntil > now)
            return (known, null);
        if (await FailedRecentlyAsync(clientId) is { } failed)
            return StaleIfError(known, failed, now, settings);

        // One fetch for every replica asking at once: the others wait on the lock, then find the document fresh.
        await db.Database.OpenConnectionAsync(cancellation);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey(clientId)})", cancellation);
            try
            {
                return await FetchAndKeepAsync(clientId, caller, settings, cancellation);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey(clientId)})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<(Client?, Refusal?)> FetchAndKeepAsync(string clientId, AdminActor caller, MetadataDocumentOptions settings, CancellationToken cancellation)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation);
        var now = time.GetUtcNow();
        if (client?.DocumentFreshUntil > now)
            return (client, null);
        if (await FailedRecentlyAsync(clientId) is { } failed)
            return StaleIfError(client, failed, now, settings);

        FetchedBody fetched;
        try
        {
            fetched = await fetch.Fetcher.FetchAsync(clientId, ClientIdMetadataDocument.MaxBytes, cancellation);
        }
        catch (FetchFailedException e)
        {
            var (_, refusal) = await FailAsync(clientId, new Refusal(StatusCodes.Status502BadGateway, AdminProblems.DocumentUnavailable,
                $"client_id: the metadata document could not be fetched: {e.Message}"), settings);
            return StaleIfError(client, refusal!, now, settings);
        }
        MetadataResult result;
        try
        {
            using var parsed = JsonDocument.Parse(fetched.Body);
            result = ClientIdMetadataDocument.Validate(clientId, parsed.RootElement.Clone(), rules.Value.RedirectUris);
        }
        catch (JsonException)
        {
            result = MetadataResult.Invalid(ClientPlatform.Clients.Core.OAuth.OAuthErrors.InvalidClientMetadata, "the document is not JSON");
        }
        if (result.Error is null && await documents.CheckAsync(result.Metadata!, client?.ToMetadata(), cancellation) is { } documentError)
            result = MetadataResult.Invalid(documentError.Error, documentError.Description);
        if (result.Error is { } error)
            return await FailAsync(clientId, new Refusal(StatusCodes.Status422UnprocessableEntity, AdminProblems.InvalidClientMetadata,
                $"The metadata document at client_id is not a valid client: {error.Description}"), settings);

        var metadata = result.Metadata!;
        var lifetime = TimeSpan.FromTicks(Math.Clamp((fetched.MaxAge ?? settings.CacheMinimum).Ticks, settings.CacheMinimum.Ticks, settings.CacheMaximum.Ticks));
        var resource = new AuditResource(AuditResourceTypes.Client, clientId);
        if (client is null)
        {
            client = new Client
            {
                ClientId = clientId, TokenEndpointAuthMethod = metadata.TokenEndpointAuthMethod, Source = ClientSources.MetadataDocument,
                CreatedAt = now, UpdatedAt = now,
            };
            client.Apply(metadata);
            db.Clients.Add(client);
            audit.Record(new AuditEntry(AuditActions.ClientResolved, caller.Actor, resource, AuditOutcome.Ok(), ClientMetadataJson.Changes(null, metadata)));
        }
        else if (ClientMetadataJson.Changes(client.ToMetadata(), metadata).ToList() is { Count: > 0 } changes)
        {
            // An administrator who locked the client's updates reviewed what it is: its document may no longer change it.
            if (client.UpdateLocked)
                audit.Record(new AuditEntry(AuditActions.ClientDocumentChanged, caller.Actor, resource,
                    AuditOutcome.Failed(StatusCodes.Status409Conflict, AdminClientEndpoints.UpdateLocked), changes));
            else
            {
                client.Apply(metadata);
                client.UpdatedAt = now;
                audit.Record(new AuditEntry(AuditActions.ClientDocumentChanged, caller.Actor, resource, AuditOutcome.Ok(), changes));
            }
        }
        client.DocumentFreshUntil = now + lifetime;
        await db.SaveChangesAsync(cancellation);
        Log.DocumentFetched(logger, clientId, Encoding.UTF8.GetByteCount(fetched.Body), lifetime.TotalSeconds);
        return (client, null);
    }

    /// <summary>
    /// The client kept from its document's last good fetch, where that document could not be fetched now and it went stale
    /// less than <see cref="MetadataDocumentOptions.StaleIfError"/> ago; else the refusal.
    /// </summary>
    private (Client?, Refusal?) StaleIfError(Client? kept, Refusal refusal, DateTimeOffset now, MetadataDocumentOptions settings)
    {
        if (kept?.DocumentFreshUntil is not { } freshUntil || refusal.Status != StatusCodes.Status502BadGateway || now - freshUntil >= settings.StaleIfError)
            return (null, refusal);
        Log.DocumentServedStale(logger, kept.ClientId, (now - freshUntil).TotalSeconds);
        return (kept, null);
    }

    /// <summary>Refused, and remembered as refused on every replica for <see cref="MetadataDocumentOptions.FailureCacheLifetime"/>.</summary>
    private async Task<(Client?, Refusal?)> FailAsync(string clientId, Refusal refusal, MetadataDocumentOptions settings)
    {
        Log.DocumentRefused(logger, clientId, refusal.Detail);
        if (settings.FailureCacheLifetime > TimeSpan.Zero)
            await redis.TryAsync(r => r.StringSetAsync(FailureKey(clientId), $"{refusal.Status}\n{refusal.Error}\n{refusal.Detail}", settings.FailureCacheLifetime));
        return (null, refusal);
    }

    private async Task<Refusal?> FailedRecentlyAsync(string clientId)
    {
        var (ok, value) = await redis.TryAsync(r => r.StringGetAsync(FailureKey(clientId)));
        return ok && value.HasValue && ((string)value!).Split('\n', 3) is [var status, var error, var detail] && int.TryParse(status, out var code)
            ? new Refusal(code, error, detail)
            : null;
    }

    private static string FailureKey(string clientId) => FailureKeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)));

    /// <summary>The URL's advisory lock: the first 8 bytes of its SHA-256 (a collision only makes two URLs wait on each other).</summary>
    private static long LockKey(string clientId) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("cimd:" + clientId)));

    private static (Client?, Refusal?) Refuse(int status, string error, string detail) => (null, new Refusal(status, error, detail));
}

/// <summary>The guarded fetcher of metadata documents: the platform's rules, with the document settings' own trust.</summary>
internal sealed class MetadataDocumentFetch(IOptions<MetadataDocumentOptions> options) : IDisposable
{
    private readonly Lazy<GuardedFetch> _fetcher = new(() => new GuardedFetch(
        new OutboundFetchOptions { Timeout = options.Value.Timeout }, options.Value.AllowedNetworks(), options.Value.ExtraRoots()));

    public GuardedFetch Fetcher => _fetcher.Value;

    public void Dispose()
    {
        if (_fetcher.IsValueCreated)
            _fetcher.Value.Dispose();
    }
}
