using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OpenApi;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// A client's key set (issue 34, <see cref="ClientKeySet"/>): <c>GET /admin/clients/{id}/keys</c> lists them,
/// <c>POST</c> adds one (published at once, or staged), <c>POST …/keys/{kid}/activate</c> and <c>…/deactivate</c> publish
/// or withdraw one, <c>DELETE …/keys/{kid}</c> removes it. The client's <c>jwks</c> member is always its active keys. A
/// <c>private_key_jwt</c> client keeps at least one active key. Each change audited (<c>key_added</c>,
/// <c>key_activated</c>, <c>key_deactivated</c>, <c>key_removed</c>) and versioned like any change (ETag, If-Match).
/// </summary>
internal static class ClientKeyEndpoints
{
    private const string Tag = "Clients";
    private const RateLimitPartition ByCredential = RateLimitPartition.AdminCredential;

    public static IEndpointRouteBuilder MapClientKeyEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
        {
            clients.MapGet("{clientId}/keys", ListAsync).RequireAuthorization(AdminScopes.ClientsRead).RateLimited(RateLimitPolicies.AdminGet, ByCredential)
                .Describe("listClientKeys", Tag, "List a client's keys", "Its active keys (its jwks), then the staged ones.")
                .Answers(StatusCodes.Status200OK, "The key set.")
                .Answers(StatusCodes.Status404NotFound, "No such client.");
            clients.MapPost("{clientId}/keys", AddAsync).RequireAuthorization(AdminScopes.ClientsWrite).RateLimited(RateLimitPolicies.AdminUpdate, ByCredential)
                .Describe("addClientKey", Tag, "Add a key to a client", "A public JWK with a kid, published in its jwks at once or staged (active: false). Audited.")
                .Takes("The key, and whether it is published at once.")
                .Answers(StatusCodes.Status201Created, "The key set now.", ApiHeaders.Location, ApiHeaders.ETag)
                .Answers(StatusCodes.Status400BadRequest, "Not a public JWK with a kid.")
                .Answers(StatusCodes.Status404NotFound, "No such client.")
                .Preconditioned()
                .Answers(StatusCodes.Status409Conflict, "A key of that kid already, 20 keys already, the client's keys come from its jwks_uri, or it changed at the same moment.");
            foreach (var (action, handler, summary) in new (string, Delegate, string)[]
                     {
                         ("activate", ActivateAsync, "Publishes a staged key in the client's jwks. Audited."),
                         ("deactivate", DeactivateAsync, "Withdraws a key from the client's jwks and keeps it staged. Audited."),
                     })
                clients.MapPost($"{{clientId}}/keys/{{kid}}/{action}", handler).RequireAuthorization(AdminScopes.ClientsWrite)
                    .RateLimited(RateLimitPolicies.AdminUpdate, ByCredential)
                    .Describe($"{action}ClientKey", Tag, $"{char.ToUpperInvariant(action[0])}{action[1..]} a client's key", summary)
                    .Answers(StatusCodes.Status200OK, "The key set now (unchanged when the key already was so).", ApiHeaders.ETag)
                    .Answers(StatusCodes.Status404NotFound, "No such client, or no key of that kid.")
                    .Preconditioned()
                    .Answers(StatusCodes.Status409Conflict, "The only active key of a private_key_jwt client, the jwks would be too long, or it changed at the same moment.");
            clients.MapDelete("{clientId}/keys/{kid}", RemoveAsync).RequireAuthorization(AdminScopes.ClientsWrite)
                .RateLimited(RateLimitPolicies.AdminUpdate, ByCredential)
                .Describe("removeClientKey", Tag, "Remove a client's key", "Active or staged, it is gone. Audited.")
                .Answers(StatusCodes.Status200OK, "The key set now.", ApiHeaders.ETag)
                .Answers(StatusCodes.Status404NotFound, "No such client, or no key of that kid.")
                .Preconditioned()
                .Answers(StatusCodes.Status409Conflict, "The only active key of a private_key_jwt client, or it changed at the same moment.");
        }
        return app;
    }

    private static async Task<Results<Ok<ClientKeyList>, ProblemHttpResult>> ListAsync(string clientId, ClientsDbContext db, CancellationToken cancellation) =>
        await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is { } client
            ? TypedResults.Ok(List(client))
            : AdminProblems.NotFoundClient(clientId);

    private static async Task<Results<Created<ClientKeyList>, ProblemHttpResult>> AddAsync(string clientId, AdminBody<KeyAdd> body, AdminActor caller,
        HttpResponse response, ClientsDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellation)
    {
        var kid = body.Value.Jwk.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var active = body.Value.Active ?? true;
        var result = await ChangeAsync(clientId, response.HttpContext, db, audit, time, AuditActions.KeyAdded, kid, caller,
            client => ClientKeySet.Add(client, body.Value.Jwk, active), [new AuditChange("active", null, JsonSerializer.SerializeToElement(active))], cancellation);
        return result.Result is Ok<ClientKeyList> { Value: { } list }
            ? TypedResults.Created($"/admin/clients/{Uri.EscapeDataString(clientId)}/keys", list)
            : (ProblemHttpResult)result.Result;
    }

    private static async Task<Results<Ok<ClientKeyList>, ProblemHttpResult>> ActivateAsync(string clientId, string kid, AdminActor caller, HttpContext context,
        ClientsDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellation) =>
        await ChangeAsync(clientId, context, db, audit, time, AuditActions.KeyActivated, kid, caller, client => ClientKeySet.Activate(client, kid), [], cancellation);

    private static async Task<Results<Ok<ClientKeyList>, ProblemHttpResult>> DeactivateAsync(string clientId, string kid, AdminActor caller, HttpContext context,
        ClientsDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellation) =>
        await ChangeAsync(clientId, context, db, audit, time, AuditActions.KeyDeactivated, kid, caller, client => ClientKeySet.Deactivate(client, kid), [], cancellation);

    private static async Task<Results<Ok<ClientKeyList>, ProblemHttpResult>> RemoveAsync(string clientId, string kid, AdminActor caller, HttpContext context,
        ClientsDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellation) =>
        await ChangeAsync(clientId, context, db, audit, time, AuditActions.KeyRemoved, kid, caller, client => ClientKeySet.Remove(client, kid), [], cancellation);

    /// <summary>
    /// One change to the key set, under the client's preconditions: refused as the key set says, or committed with its audit
    /// row. A change that changes nothing (activating an active key) is answered without becoming one, as PUT's is.
    /// </summary>
    private static async Task<Results<Ok<ClientKeyList>, ProblemHttpResult>> ChangeAsync(string clientId, HttpContext context, ClientsDbContext db,
        IAuditTrail audit, TimeProvider time, string action, string? kid, AdminActor caller, Func<Client, ClientKeySet.Refusal?> change,
        IReadOnlyList<AuditChange> details, CancellationToken cancellation)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        if (ClientPreconditions.Check(context.Request, client) is { } precondition)
            return precondition;
        var before = (client.Jwks, client.StagedJwks);
        if (change(client) is { } refusal)
            return AdminProblems.Problem(refusal.Status, AdminProblems.CodeFor(refusal.Status), refusal.Problem);
        if ((client.Jwks, client.StagedJwks) != before)
        {
            client.UpdatedAt = time.GetUtcNow();
            audit.Record(new AuditEntry(action, caller.Actor, AdminClientEndpoints.Resource(clientId), AuditOutcome.Ok(),
                [new AuditChange("kid", null, JsonSerializer.SerializeToElement(kid)), .. details]));
            if (await ClientPreconditions.SaveAsync(db, context.Request, clientId, cancellation) is { } conflict)
                return conflict;
        }
        ClientPreconditions.Tag(context.Response, client);
        return TypedResults.Ok(List(client));
    }

    private static ClientKeyList List(Client client) => new(client.ClientId, [.. ClientKeySet.Views(client).Select(ClientKeyView.From)]);
}
