using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.Caching;
using ClientPlatform.Clients.Infrastructure.Idempotency;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.Extensions.Options;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>Client administration (seed 004), served under /admin/clients and /api/admin/clients (design.md §7 C-11).</summary>
internal static class AdminClientEndpoints
{
    public const string UpdateLocked = "update_locked";
    public const string DeleteLocked = "delete_locked";
    private const string DefaultScope = "openid profile email"; // seed 004, create
    public const int MaxBulkDelete = 100;
    private const string Tag = "Clients";
    private const RateLimitPartition ByCredential = RateLimitPartition.AdminCredential; // seed 004: "per admin token"

    /// <summary>What a change to one client may also answer (<see cref="ClientPreconditions"/>).</summary>
    internal static RouteHandlerBuilder Preconditioned(this RouteHandlerBuilder endpoint) => endpoint
        .Answers(StatusCodes.Status409Conflict, "Changed by another request at the same moment, without If-Match: read it again.")
        .Answers(StatusCodes.Status412PreconditionFailed, "If-Match names a version the client no longer has: read it again (its ETag).")
        .Answers(StatusCodes.Status428PreconditionRequired, "No If-Match, where Admin:RequireIfMatch requires one.");

    public static IEndpointRouteBuilder MapAdminClientEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
        {
            clients.MapGet("", ListAsync).RequireAuthorization(AdminScopes.ClientsRead).RateLimited(RateLimitPolicies.AdminList, ByCredential)
                .Describe("listClients", Tag, "List and search clients", "Newest first, with the exact total.")
                .Answers(StatusCodes.Status200OK, "A page of clients.")
                .Answers(StatusCodes.Status400BadRequest, "A bad page, limit or search.");
            // The literal "bulk" wins over {clientId} (design.md §7 C-17).
            clients.MapDelete("bulk", BulkDeleteAsync).RequireAuthorization(AdminScopes.ClientsDelete).RateLimited(RateLimitPolicies.AdminDelete, ByCredential)
                .Describe("bulkDeleteClients", Tag, "Delete several clients", $"Up to {MaxBulkDelete} ids in one transaction; ids not found are reported.")
                .Takes("The ids to delete.")
                .Answers(StatusCodes.Status200OK, "What was deleted.")
                .Answers(StatusCodes.Status400BadRequest, "No ids, or too many.");
            clients.MapGet("{clientId}", GetAsync).RequireAuthorization(AdminScopes.ClientsRead).RateLimited(RateLimitPolicies.AdminGet, ByCredential)
                .Describe("getClient", Tag, "Read a client", "Every field; the secret masked. Its ETag is what a change sends in If-Match.")
                .Answers(StatusCodes.Status200OK, "The client.", ApiHeaders.ETag)
                .Answers(StatusCodes.Status404NotFound, "No such client.");
            clients.MapPost("", CreateAsync).RequireAuthorization(AdminScopes.ClientsWrite).RateLimited(RateLimitPolicies.AdminCreate, ByCredential).Idempotent()
                .Describe("createClient", Tag, "Create a client", "The same metadata rules as RFC 7591 registration, with the admin-only flags; the secret is shown once.")
                .Takes("The client's metadata.")
                .Answers(StatusCodes.Status201Created, "Created, with its secret when it authenticates with one.", ApiHeaders.Location)
                .Answers(StatusCodes.Status400BadRequest, "A rule broken: the detail names the member.");
            clients.MapPut("{clientId}", UpdateAsync).RequireAuthorization(AdminScopes.ClientsWrite).RateLimited(RateLimitPolicies.AdminUpdate, ByCredential)
                .Describe("updateClient", Tag, "Change a client", "Members sent replace the current values; update_locked and delete_locked lock the client's own RFC 7592 calls.")
                .Takes("The members to change.")
                .Answers(StatusCodes.Status200OK, "The client as it now is.", ApiHeaders.ETag)
                .Answers(StatusCodes.Status400BadRequest, "A rule broken, or client_id or client_secret sent.")
                .Answers(StatusCodes.Status404NotFound, "No such client.")
                .Preconditioned();
            clients.MapPost("{clientId}/regenerate-secret", RegenerateSecretAsync).RequireAuthorization(AdminScopes.ClientsWrite).Idempotent()
                .RateLimited(RateLimitPolicies.AdminRegenerate, ByCredential)
                .Describe("regenerateClientSecret", Tag, "Regenerate a client's secret", "Shown once; the previous one keeps working for SecretRotation:GracePeriod.")
                .Answers(StatusCodes.Status200OK, "The new secret.", ApiHeaders.ETag)
                .Answers(StatusCodes.Status400BadRequest, "The client authenticates without a secret.")
                .Answers(StatusCodes.Status404NotFound, "No such client.")
                .Preconditioned();
            clients.MapDelete("{clientId}", DeleteAsync).RequireAuthorization(AdminScopes.ClientsDelete).RateLimited(RateLimitPolicies.AdminDelete, ByCredential)
                .Describe("deleteClient", Tag, "Delete a client", "Its id, secret and registration access token stop working at once.")
                .Answers(StatusCodes.Status200OK, "Deleted.")
                .Answers(StatusCodes.Status404NotFound, "No such client.")
                .Preconditioned();
        }
        return app;
    }

    private static async Task<Ok<AdminClientList>> ListAsync(ListQuery query, ClientsDbContext db, ClientLifecycle lifecycle, TimeProvider time,
        CancellationToken cancellation)
    {
        var all = db.Clients.AsNoTracking();
        var clients = all;
        if (query.Search is { } search)
        {
            // Case-insensitive substring of name or id; LIKE's own characters are matched literally. The
            // columns are compared as they are (no coalesce) so that their trigram indexes serve the pattern;
            // a null name does not match, as before.
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            clients = clients.Where(c => EF.Functions.ILike(c.ClientId, pattern, "\\") || EF.Functions.ILike(c.ClientName!, pattern, "\\"));
        }
        // Issue 34's filters: the locked clients from a partial index of their own (they are few), a creation range from the
        // list's own (created_at, client_id) index; a grant type is checked along that order (most clients share a few).
        if (query.Locked is true)
            clients = clients.Where(c => c.UpdateLocked || c.DeleteLocked); // the predicate of ix_clients_locked, as written there
        else if (query.Locked is false)
            clients = clients.Where(c => !c.UpdateLocked && !c.DeleteLocked);
        if (query.GrantType is { } grantType)
        {
            // grant_types @> ARRAY[…] (Npgsql's translation of this form), which ix_clients_grant_types serves; the plain
            // Contains is = ANY(grant_types), which no index can.
            var wanted = new[] { grantType };
            clients = clients.Where(c => wanted.All(g => c.GrantTypes.Contains(g)));
        }
        if (query.CreatedFrom is { } from)
            clients = clients.Where(c => c.CreatedAt >= from);
        if (query.CreatedTo is { } to)
            clients = clients.Where(c => c.CreatedAt < to);
        if (query.Source is { } source)
            clients = clients.Where(c => c.Source == source); // ix_clients_source, in the list's order
        if (query.Stale is { } stale)
        {
            var expired = lifecycle.Stale(db.Clients, db, time.GetUtcNow()).Select(c => c.ClientId);
            clients = stale ? clients.Where(c => expired.Contains(c.ClientId)) : clients.Where(c => !expired.Contains(c.ClientId));
        }
        // Issue 35's: few clients bind their tokens or use rich authorization, so these read along the list's order.
        if (query.AuthMethod is { } method)
            clients = clients.Where(c => c.TokenEndpointAuthMethod == method);
        if (query.DpopBound is { } dpop)
            clients = clients.Where(c => c.DpopBoundAccessTokens == dpop);
        if (query.CertificateBound is { } certificate)
            clients = clients.Where(c => c.TlsClientCertificateBoundAccessTokens == certificate);
        if (query.AuthorizationDetailsType is { } detailsType)
        {
            var wantedType = new[] { detailsType };
            clients = clients.Where(c => wantedType.All(t => c.AuthorizationDetailsTypes.Contains(t)));
        }
        if (query.LastUsedFrom is { } usedFrom)
            clients = clients.Where(c => db.ClientUsage.Any(u => u.ClientId == c.ClientId && u.LastUsedAt >= usedFrom));
        if (query.LastUsedTo is { } usedTo)
            clients = clients.Where(c => db.ClientUsage.Any(u => u.ClientId == c.ClientId && u.LastUsedAt < usedTo));
        // Unfiltered, the exact total is kept by the database itself (ClientCount), and so is one facet's alone
        // (ClientFacetCount); any other filter counts its matches.
        var total = !query.Filtered ? (int)await ClientCount.ReadAsync(db, cancellation)
            : query.Facet is { } facet ? (int)await ClientFacetCount.ReadAsync(db, facet, cancellation)
            : await clients.CountAsync(cancellation);
        var page = await ClientPages.ReadAsync(all, clients, total, query.Page, query.Limit, cancellation);
        var ids = page.Select(c => c.ClientId).ToList();
        var used = await db.ClientUsage.AsNoTracking().Where(u => ids.Contains(u.ClientId)).ToDictionaryAsync(u => u.ClientId, u => u.LastUsedAt, cancellation);
        return TypedResults.Ok(new AdminClientList([.. page.Select(c => AdminClient.From(c, lastUsedAt: used.TryGetValue(c.ClientId, out var at) ? at : null))],
            Pagination.Of(query.Page, query.Limit, total)));
    }

    private static async Task<Results<Ok<AdminClientEnvelope>, ProblemHttpResult>> GetAsync(string clientId, ClientsDbContext db, ClientCache cache,
        HttpResponse response, CancellationToken cancellation)
    {
        if (await cache.GetOrLoadAsync(clientId, () => db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation)) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        // The version a change sends back in If-Match (issue 34).
        ClientPreconditions.Tag(response, client);
        // Answered from the cache with no PostgreSQL query, also while PostgreSQL is away: the last use (not a change, so not
        // cached) is the list's to show.
        return TypedResults.Ok(new AdminClientEnvelope(AdminClient.From(client)));
    }

    private static async Task<Results<Created<AdminClientEnvelope>, ProblemHttpResult>> CreateAsync(AdminJsonBody<AdminClientCreate> body,
        AdminActor caller, HttpResponse response, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher, ReferencedDocuments documents,
        IOptions<ClientMetadataOptions> rules, TimeProvider time)
    {
        var root = body.Root;
        var cancellation = response.HttpContext.RequestAborted;
        if (!root.TryGetProperty(Names.ClientName, out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
            return AdminProblems.BadRequest($"{Names.ClientName}: required");
        if (!root.TryGetProperty(Names.RedirectUris, out _))
            return AdminProblems.BadRequest($"{Names.RedirectUris}: required");
        var result = ClientMetadataValidator.Validate(root, MetadataSource.Admin, rules.Value.RedirectUris);
        if (result.Error is { } error)
            return AdminProblems.BadRequest(error.Description);
        var metadata = result.Metadata!.Scope is null ? result.Metadata with { Scope = DefaultScope } : result.Metadata;
        if (await documents.CheckAsync(metadata, before: null, cancellation) is { } documentError)
            return AdminProblems.BadRequest(documentError.Description);

        var now = time.GetUtcNow();
        var client = new Client
        {
            ClientId = Guid.NewGuid().ToString(), TokenEndpointAuthMethod = metadata.TokenEndpointAuthMethod, Source = ClientSources.Admin,
            CreatedAt = now, UpdatedAt = now,
        };
        client.Apply(metadata);
        var secret = metadata.IsConfidentialWithSecret ? ClientCredentials.IssueSecret(client, hasher, now, TimeSpan.Zero).Value : null;
        db.Clients.Add(client);
        audit.Record(new AuditEntry(AuditActions.ClientCreated, caller.Actor, Resource(client.ClientId),
            AuditOutcome.Ok(StatusCodes.Status201Created), ClientMetadataJson.Changes(null, metadata)));
        audit.RecordIfFlagged(metadata, caller.Actor, client.ClientId);
        await db.SaveChangesAsync(cancellation);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/admin/clients/{client.ClientId}", new AdminClientEnvelope(AdminClient.From(client, secret)));
    }

    private static async Task<Results<Ok<AdminClientEnvelope>, ProblemHttpResult>> UpdateAsync(string clientId, AdminJsonBody<AdminClientChanges> body,
        AdminActor caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher, ReferencedDocuments documents,
        IOptions<ClientMetadataOptions> rules, TimeProvider time, CancellationToken cancellation)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        if (ClientPreconditions.Check(context.Request, client) is { } precondition)
            return precondition;
        var root = body.Root;
        if (FixedMemberProblem(root, clientId) is { } fixedMember)
            return AdminProblems.BadRequest(fixedMember);
        var (updateLocked, deleteLocked, lockProblem) = (Lock(root, UpdateLocked), Lock(root, DeleteLocked), LockProblem(root));
        if (lockProblem is not null)
            return AdminProblems.BadRequest(lockProblem);
        var before = client.ToMetadata();
        var result = ClientMetadataValidator.ValidateChanges(root, before, rules.Value.RedirectUris);
        return await ChangeAsync(client, before, result, updateLocked, deleteLocked, caller, context, db, audit, hasher, documents, time, cancellation);
    }

    /// <summary>
    /// A change to a client whose new metadata <paramref name="result"/> holds (or the rule it broke), as PUT and PATCH
    /// make it: referenced documents checked, secrets issued or removed as the auth method needs, audited field by
    /// field, saved under the caller's If-Match, and answered with the client as it now is.
    /// </summary>
    internal static async Task<Results<Ok<AdminClientEnvelope>, ProblemHttpResult>> ChangeAsync(Client client, ClientMetadata before,
        MetadataResult result, bool? updateLocked, bool? deleteLocked, AdminActor caller, HttpContext context, ClientsDbContext db, IAuditTrail audit,
        SecretHasher hasher, ReferencedDocuments documents, TimeProvider time, CancellationToken cancellation)
    {
        var clientId = client.ClientId;
        if (result.Error is { } error)
            return AdminProblems.BadRequest(error.Description);
        if (await documents.CheckAsync(result.Metadata!, before, cancellation) is { } documentError)
            return AdminProblems.BadRequest(documentError.Description);

        var now = time.GetUtcNow();
        client.Apply(result.Metadata!);
        var changes = ClientMetadataJson.Changes(before, result.Metadata).ToList();
        AddLockChange(changes, UpdateLocked, client.UpdateLocked, updateLocked, v => client.UpdateLocked = v);
        AddLockChange(changes, DeleteLocked, client.DeleteLocked, deleteLocked, v => client.DeleteLocked = v);
        // Nothing differs (a PATCH of {}, a console's Save pressed twice): not a change. The client keeps its version, so
        // an administrator's If-Match elsewhere still holds, and the audit log gets no row that says nothing.
        if (changes.Count == 0)
        {
            ClientPreconditions.Tag(context.Response, client);
            return TypedResults.Ok(new AdminClientEnvelope(AdminClient.From(client)));
        }
        string? secret = null;
        if (result.Metadata!.IsConfidentialWithSecret && client.CurrentSecret() is null)
            secret = ClientCredentials.IssueSecret(client, hasher, now, TimeSpan.Zero).Value;
        else if (!result.Metadata.IsConfidentialWithSecret && client.CurrentSecret() is not null)
            ClientCredentials.RemoveSecret(client);
        client.UpdatedAt = now;
        // ADM-13: the registration access token is left as it is; the client keeps managing itself.
        audit.Record(new AuditEntry(AuditActions.ClientUpdated, caller.Actor, Resource(clientId), AuditOutcome.Ok(), changes));
        audit.RecordIfFlagged(result.Metadata, caller.Actor, clientId);
        audit.RecordIfOverridden(client, result.Metadata, caller.Actor);
        if (await ClientPreconditions.SaveAsync(db, context.Request, clientId, cancellation) is { } conflict)
            return conflict;
        ClientPreconditions.Tag(context.Response, client);
        return TypedResults.Ok(new AdminClientEnvelope(AdminClient.From(client, secret)));
    }

    private static async Task<Results<Ok<SecretRegenerated>, ProblemHttpResult>> RegenerateSecretAsync(
        string clientId, AdminActor caller, HttpResponse response, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher, TimeProvider time,
        IOptions<SecretRotationOptions> rotation)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, response.HttpContext.RequestAborted) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        if (ClientPreconditions.Check(response.HttpContext.Request, client) is { } precondition)
            return precondition;
        if (!client.ToMetadata().IsConfidentialWithSecret)
            return AdminProblems.BadRequest($"Client {clientId} authenticates with {client.TokenEndpointAuthMethod} and has no secret to regenerate.");
        var now = time.GetUtcNow();
        var rotated = ClientCredentials.RotateSecret(client, hasher, now, TimeSpan.Zero, rotation.Value.GracePeriod, rotation.Value.MaxSecrets);
        // Full: replacing a secret before the expiry an answer announced for it would break that answer (issue 34).
        if (rotated.Refusal is { } full)
            return AdminProblems.Problem(StatusCodes.Status409Conflict, AdminProblems.Conflict, full);
        client.UpdatedAt = now;
        audit.Record(new AuditEntry(AuditActions.SecretRegenerated, caller.Actor, Resource(clientId), AuditOutcome.Ok(),
            SecretRotationAudit.Changes(rotated)));
        if (await ClientPreconditions.SaveAsync(db, response.HttpContext.Request, clientId, response.HttpContext.RequestAborted) is { } conflict)
            return conflict;
        ClientPreconditions.Tag(response, client);
        response.Headers.CacheControl = "no-store";
        var previousEnds = rotated.Replaced?.ExpiresAt;
        return TypedResults.Ok(new SecretRegenerated(clientId, rotated.Issued!.Value, rotated.Issued.Secret.Id, previousEnds?.ToUnixTimeMilliseconds(),
            ClientSecretEndpoints.Views(client, now),
            previousEnds is { } ends
                ? $"Client secret regenerated. The previous secret keeps working until {ends:u}; store this one now, it is not shown again."
                : "Client secret regenerated. The previous secret no longer works; store this one now, it is not shown again."));
    }

    private static async Task<Results<Ok<Done>, ProblemHttpResult>> DeleteAsync(string clientId, AdminActor caller, HttpRequest request, ClientsDbContext db,
        IAuditTrail audit, CancellationToken cancellation)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        if (ClientPreconditions.Check(request, client) is { } precondition)
            return precondition;
        db.Clients.Remove(client);
        audit.Record(new AuditEntry(AuditActions.ClientDeleted, caller.Actor, Resource(clientId), AuditOutcome.Ok(),
            ClientMetadataJson.Changes(client.ToMetadata(), null)));
        if (await ClientPreconditions.SaveAsync(db, request, clientId, cancellation) is { } conflict)
            return conflict;
        return TypedResults.Ok(Done.Because("Client deleted successfully"));
    }

    /// <summary>Seed 004: up to 100 ids in one call, each deleted or reported; duplicates count once.</summary>
    private static async Task<Ok<BulkDeleteResult>> BulkDeleteAsync(AdminBody<BulkDelete> body, AdminActor caller, ClientsDbContext db, IAuditTrail audit,
        CancellationToken cancellation)
    {
        var requested = body.Value.ClientIds.Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Clients.Where(c => requested.Contains(c.ClientId)).ToListAsync(cancellation);
        db.Clients.RemoveRange(found);
        foreach (var client in found)
            audit.Record(new AuditEntry(AuditActions.ClientDeleted, caller.Actor, Resource(client.ClientId), AuditOutcome.Ok(),
                ClientMetadataJson.Changes(client.ToMetadata(), null)));
        var deleted = found.Select(c => c.ClientId).Order(StringComparer.Ordinal).ToList();
        var notFound = requested.Except(deleted, StringComparer.Ordinal).ToList();
        // The summary names what the call did, so that this entry alone answers an auditor: the ids deleted
        // (before: they existed, after: gone), the ids not found, and the counts.
        audit.Record(new AuditEntry(AuditActions.ClientsBulkDeleted, caller.Actor, new AuditResource(AuditResourceTypes.Clients, null),
            AuditOutcome.Ok(),
            [
                new AuditChange("client_ids", JsonSerializer.SerializeToElement(deleted), null),
                new AuditChange("not_found", null, JsonSerializer.SerializeToElement(notFound)),
                new AuditChange("requested", null, JsonSerializer.SerializeToElement(requested.Count)),
                new AuditChange("deleted", null, JsonSerializer.SerializeToElement(deleted.Count)),
            ]));
        await db.SaveChangesAsync(cancellation); // all found ones, or none
        return TypedResults.Ok(new BulkDeleteResult(true, found.Count, requested.Count, [.. notFound.Select(id => $"Client {id} not found")]));
    }

    /// <summary>What a change may not touch: the secret (only issued, by regenerate) and the client's id.</summary>
    internal static string? FixedMemberProblem(JsonElement body, string clientId)
    {
        if (body.TryGetProperty(Names.ClientSecret, out _))
            return $"{Names.ClientSecret}: cannot be set; use POST …/{clientId}/regenerate-secret";
        if (body.TryGetProperty(Names.ClientId, out var id) && (id.ValueKind != JsonValueKind.String || id.GetString() != clientId))
            return $"{Names.ClientId}: cannot be changed";
        return null;
    }

    private static bool? Lock(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static string? LockProblem(JsonElement body) =>
        new[] { UpdateLocked, DeleteLocked }.FirstOrDefault(n => body.TryGetProperty(n, out var v) && v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            is { } bad ? $"{bad}: must be true or false" : null;

    private static void AddLockChange(List<AuditChange> changes, string name, bool current, bool? wanted, Action<bool> set)
    {
        if (wanted is not { } value || value == current)
            return;
        set(value);
        changes.Add(new AuditChange(name, JsonSerializer.SerializeToElement(current), JsonSerializer.SerializeToElement(value)));
    }


    internal static AuditResource Resource(string clientId) => new(AuditResourceTypes.Client, clientId);
}
