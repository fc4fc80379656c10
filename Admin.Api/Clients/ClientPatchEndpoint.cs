using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Admin.Api.Clients;

/// <summary>
/// <c>PATCH /admin/clients/{id}</c> with a JSON Merge Patch (RFC 7396, issue 34): the client's members as one document,
/// the patch applied to it (a member set to null is removed, so its RFC 7591 §2 default applies), and the result checked
/// whole by the rules a registration meets. With If-Match, two administrators cannot overwrite each other.
/// </summary>
internal static class ClientPatchEndpoint
{
    public static IEndpointRouteBuilder MapClientPatchEndpoint(this IEndpointRouteBuilder app)
    {
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
            clients.MapPatch("{clientId}", PatchAsync).RequireAuthorization(AdminScopes.ClientsWrite)
                .RateLimited(RateLimitPolicies.AdminUpdate, RateLimitPartition.AdminCredential)
                .Describe("patchClient", "Clients", "Change some of a client's members (JSON Merge Patch)",
                    "RFC 7396: members sent replace the current values, null removes one (its default applies), the others stay; " +
                    "the patched client must keep every rule of a registration. update_locked and delete_locked as in PUT.")
                .Answers(StatusCodes.Status200OK, "The client as it now is.", ApiHeaders.ETag)
                .Answers(StatusCodes.Status400BadRequest, "A rule the patched client breaks, or client_id or client_secret sent.")
                .Answers(StatusCodes.Status404NotFound, "No such client.")
                .Answers(StatusCodes.Status415UnsupportedMediaType, $"The body is not {JsonMergePatch.MediaType}; Accept-Patch names it.")
                .Preconditioned();
        return app;
    }

    private static async Task<Results<Ok<AdminClientEnvelope>, ProblemHttpResult>> PatchAsync(string clientId, AdminMergePatchBody<AdminClientChanges> patch,
        AdminActor caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher, ReferencedDocuments documents,
        IOptions<ClientMetadataOptions> rules, TimeProvider time, CancellationToken cancellation)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellation) is not { } client)
            return AdminProblems.NotFoundClient(clientId);
        if (ClientPreconditions.Check(context.Request, client) is { } precondition)
            return precondition;
        var root = patch.Root;
        // The merged document cannot repeat a member, so the patch's own repeats are found here.
        if (ClientMetadataValidator.RepeatedMember(root) is { } repeated)
            return AdminProblems.BadRequest(repeated);
        if (AdminClientEndpoints.FixedMemberProblem(root, clientId) is { } fixedMember)
            return AdminProblems.BadRequest(fixedMember);
        var (updateLocked, deleteLocked) = (LockAfter(root, AdminClientEndpoints.UpdateLocked), LockAfter(root, AdminClientEndpoints.DeleteLocked));
        if ((updateLocked.Problem ?? deleteLocked.Problem) is { } lockProblem)
            return AdminProblems.BadRequest(lockProblem);

        var before = client.ToMetadata();
        var patched = (JsonObject)JsonMergePatch.Apply(ClientMetadataJson.Document(before), root)!;
        foreach (var notMetadata in new[] { AdminClientEndpoints.UpdateLocked, AdminClientEndpoints.DeleteLocked, Names.ClientId })
            patched.Remove(notMetadata);
        var result = ClientMetadataValidator.Validate(JsonSerializer.SerializeToElement(patched), MetadataSource.Admin, rules.Value.RedirectUris);
        return await AdminClientEndpoints.ChangeAsync(client, before, result, updateLocked.Value, deleteLocked.Value, caller, context, db, audit, hasher,
            documents, time, cancellation);
    }

    /// <summary>A lock the patch sets (true or false), removes (null: unlocked, its default) or leaves alone (absent).</summary>
    private static (bool? Value, string? Problem) LockAfter(JsonElement patch, string name) =>
        !patch.TryGetProperty(name, out var value) ? (null, null)
        : value.ValueKind switch
        {
            JsonValueKind.True => (true, null),
            JsonValueKind.False or JsonValueKind.Null => (false, null),
            _ => (null, $"{name}: must be true, false or null"),
        };
}
