using ClientPlatform.Clients.Core.Audit;
using ClientPlatform.Clients.Core.Security;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.Clients.Infrastructure.OAuth;
using ClientPlatform.Clients.Infrastructure.Idempotency;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Registration.Api;

/// <summary>RFC 7591 registration and RFC 7592 self-management: POST /register, GET/PUT/DELETE /register/{clientId}.</summary>
internal static class RegistrationEndpoints
{
    // RFC 7592 §2.2: members a client must not send in an update.
    private static readonly string[] ServerOwned =
        [Names.RegistrationAccessToken, Names.RegistrationClientUri, Names.ClientSecretExpiresAt, Names.ClientIdIssuedAt];

    /// <summary>The operation id of POST /register (its security follows Registration:Mode).</summary>
    public const string RegisterOperation = "registerClient";
    private const string Tag = "Registration";

    private const string UpdateLockedDescription = "An administrator does not allow this client to update its registration.";
    private const string StaleAnswer = "If-Match names a version the registration no longer has (invalid_request): read it again, its ETag.";

    public static IEndpointRouteBuilder MapRegistrationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/register", RegisterAsync).RateLimited(RateLimitPolicies.Register, RateLimitPartition.ClientIp).Idempotent()
            .Describe(RegisterOperation, Tag, "Register a client",
                "RFC 7591 §3.1. The answer holds the registration access token and, for a confidential client, its secret: both are shown only here.")
            .Takes<ClientMetadataRequest>("The client's metadata (RFC 7591 §2); a software_statement's claims win over the members (§2.3).")
            .Answers(StatusCodes.Status201Created, "Registered (RFC 7591 §3.2.1).", ApiHeaders.Location)
            .Answers(StatusCodes.Status400BadRequest, "Refused metadata or body: invalid_redirect_uri, invalid_client_metadata, " +
                "invalid_software_statement, unapproved_software_statement or invalid_request (RFC 7591 §3.2.2).")
            .Answers(StatusCodes.Status401Unauthorized, "In token mode: no initial access token, or one that is unknown, expired, revoked or used up.",
                headers: ApiHeaders.WwwAuthenticate);
        var manage = app.MapGroup("/register/{clientId}").RequireAuthorization(RegistrationTokenHandler.Policy)
            .RateLimited(RateLimitPolicies.Manage, RateLimitPartition.Client)
            .PathParameter("clientId", "The client identifier from the registration answer.")
            .Answers(StatusCodes.Status403Forbidden, "An admin credential without client:admin (insufficient_scope), or an administrator's lock (access_denied).",
                headers: ApiHeaders.WwwAuthenticate);
        manage.MapGet("", ReadAsync)
            .Describe("readClient", Tag, "Read a registration", "RFC 7592 §2.1: the current metadata, with the token presented.")
            .Answers(StatusCodes.Status200OK, "The client information (RFC 7592 §3).", ApiHeaders.ETag);
        manage.MapPut("", UpdateAsync)
            .Describe("updateClient", Tag, "Replace a registration",
                "RFC 7592 §2.2: the whole metadata again. The answer carries a new registration access token; the old one stops working.")
            .Takes<ClientUpdateRequest>("Every member of the registration, client_id included.")
            .Answers(StatusCodes.Status200OK, "The updated client information (RFC 7592 §3).", ApiHeaders.ETag)
            .Answers(StatusCodes.Status400BadRequest, "Refused metadata (RFC 7591 §3.2.2) or a server-owned member sent (RFC 7592 §2.2).")
            .Answers(StatusCodes.Status412PreconditionFailed, StaleAnswer);
        manage.MapDelete("", DeleteAsync)
            .Describe("deleteClient", Tag, "Delete a registration", "RFC 7592 §2.3: the client id, its secret and its token stop working at once.")
            .Answers(StatusCodes.Status204NoContent, "Deleted.")
            .Answers(StatusCodes.Status412PreconditionFailed, StaleAnswer);
        // Beside RFC 7592's update: a new secret, the old one kept for SecretRotation:GracePeriod.
        manage.MapPost("secret", RotateSecretAsync).Idempotent()
            .Describe("rotateClientSecret", Tag, "Rotate the client secret",
                "A new secret, shown once; the previous one keeps working for SecretRotation:GracePeriod so that running instances can move over.")
            .Answers(StatusCodes.Status200OK, "The client information with the new client_secret.", ApiHeaders.ETag)
            .Answers(StatusCodes.Status400BadRequest, "The client authenticates without a secret, or holds SecretRotation:MaxSecrets live secrets (invalid_request).")
            .Answers(StatusCodes.Status412PreconditionFailed, StaleAnswer);
        return app;
    }

    private static async Task<Results<Created<ClientInformationResponse>, OAuthErrorResult>> RegisterAsync(
        HttpContext context, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher, ClientInformation information,
        SoftwareStatementVerifier verifier, ReferencedDocuments documents, IOptions<RegistrationOptions> options, IOptions<ClientMetadataOptions> rules,
        TimeProvider time, ILogger<Program> logger)
    {
        var now = time.GetUtcNow();
        InitialAccessToken? grant = null;
        if (options.Value.Mode == RegistrationMode.Token)
        {
            (grant, var refusal) = await InitialAccessGate.AuthenticateAsync(context, db, options.Value, now);
            if (refusal is not null)
                return await RefusedAsync(audit, AuditActions.ClientRegistered, null, refusal, context);
        }
        var (body, bodyError) = await RequestBody.ReadAsync(context.Request);
        if (bodyError is not null)
            return await RefusedAsync(audit, AuditActions.ClientRegistered, null, bodyError, context);
        using var document = body!;
        var (metadata, statement, statementError) = await SoftwareStatements.ApplyAsync(document, options.Value.SoftwareStatements, verifier, db, context.RequestAborted);
        using var merged = metadata == document ? null : metadata;
        var result = statementError is null ? ClientMetadataValidator.Validate(metadata!.RootElement, MetadataSource.Registration, rules.Value.RedirectUris) : null;
        var profile = RegistrationProfiles.Find(options.Value.Profile);
        var error = statementError ?? result!.Error ?? grant?.Policy.Check(result.Metadata!) ?? profile?.Check(result.Metadata!)
            ?? await documents.CheckAsync(result.Metadata!, before: null, context.RequestAborted);
        if (error is not null)
            return await RefusedAsync(audit, AuditActions.ClientRegistered, null, Refusal.Of(error), context);

        var client = new Client
        {
            ClientId = SecretGenerator.NewClientId(),
            TokenEndpointAuthMethod = result!.Metadata!.TokenEndpointAuthMethod,
            SoftwareStatement = statement,
            Source = ClientSources.OfRegistration(withStatement: statement is not null, withInitialAccessToken: grant is not null),
            RegistrationProfile = profile?.Name, // binds the client for life, as a token's policy does
            CreatedAt = now,
            UpdatedAt = now,
        };
        client.Apply(result.Metadata);
        if (grant is not null)
        {
            // The token's policy binds the client for life, not only this request (design.md §3).
            client.InitialAccessTokenId = grant.Id;
            client.RegistrationPolicy = grant.Policy.AllowsAnything ? null : grant.Policy;
        }
        var secret = result.Metadata.IsConfidentialWithSecret
            ? ClientCredentials.IssueSecret(client, hasher, now, options.Value.SecretLifetime).Value
            : null;
        var token = ClientCredentials.IssueRegistrationToken(client, now, options.Value.RegistrationTokenIdleLifetime);
        db.Clients.Add(client);
        audit.Record(new AuditEntry(AuditActions.ClientRegistered, AuditActor.ForClient(client.ClientId), Resource(client.ClientId),
            AuditOutcome.Ok(StatusCodes.Status201Created), ClientMetadataJson.Changes(null, result.Metadata)));
        audit.RecordIfFlagged(result.Metadata, AuditActor.ForClient(client.ClientId), client.ClientId);
        if (grant is null)
            await db.SaveChangesAsync(context.RequestAborted);
        else if (!await InitialAccessUse.CommitAsync(db, audit, grant, client.ClientId, now, context.RequestAborted))
        {
            // Another registration took the token's last use between the lookup and this one's row lock.
            var usedUp = InitialAccessGate.Invalid(options.Value, "The initial access token has been used up.");
            return await RefusedAsync(audit, AuditActions.ClientRegistered, null, usedUp, context);
        }
        Log.ClientRegistered(logger, client.ClientId);

        OAuthResults.NoStore(context.Response);
        return TypedResults.Created(information.ConfigurationUri(context.Request, client.ClientId),
            information.Build(client, context.Request, token, secret, ClientAct.Registered, now));
    }

    private static async Task<Ok<ClientInformationResponse>> ReadAsync(RegistrationCaller caller, HttpContext context, IAuditTrail audit,
        ClientInformation information, ClientUseRecorder uses, TimeProvider time)
    {
        var client = caller.Client;
        var now = time.GetUtcNow();
        // A client reading its own registration is in use (issue 34: what keeps it from expiring); an administrator is not it.
        if (!caller.IsAdmin)
            uses.Used(client.ClientId, secretId: null, now);
        await audit.RecordNowAsync(new AuditEntry(AuditActions.ClientRead, caller.Actor, Resource(client.ClientId),
            AuditOutcome.Ok()), context.RequestAborted);
        OAuthResults.NoStore(context.Response);
        ClientVersionTag.Set(context.Response, client);
        var token = caller.IsAdmin ? null : PresentedToken(context);
        return TypedResults.Ok(information.Build(client, context.Request, token, newSecret: null, Act(caller), now));
    }

    private static async Task<Results<Ok<ClientInformationResponse>, OAuthErrorResult>> UpdateAsync(
        [FromRoute] string clientId, RegistrationCaller caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher,
        ClientInformation information, SoftwareStatementVerifier verifier, ReferencedDocuments documents, IOptions<RegistrationOptions> options,
        IOptions<ClientMetadataOptions> rules, ClientUseRecorder uses, TimeProvider time, ILogger<Program> logger)
    {
        var client = caller.Client;
        var byAdmin = caller.IsAdmin;
        // The locks bind the client itself; an administrator with client:admin is who sets them.
        if (client.UpdateLocked && !byAdmin)
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, Refusal.AccessDenied(UpdateLockedDescription), context);
        if (IsStale(context, client))
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, Refusal.Stale(), context);
        var (body, bodyError) = await RequestBody.ReadAsync(context.Request);
        if (bodyError is not null)
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, bodyError, context);
        using var document = body!;
        if (UpdateRequestError(document.RootElement, client) is { } requestError)
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, Refusal.InvalidRequest(requestError), context);
        var (metadata, statement, statementError) = await SoftwareStatements.ApplyAsync(document, options.Value.SoftwareStatements, verifier, db, context.RequestAborted);
        using var merged = metadata == document ? null : metadata;
        if (statementError is not null)
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, Refusal.Of(statementError), context);
        var result = ClientMetadataValidator.Validate(metadata!.RootElement, MetadataSource.Registration, rules.Value.RedirectUris);
        if (result.Error is { } error)
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, Refusal.Of(error), context);

        // RFC 7592 §2.2: a full replacement — but the admin-only flags are not the client's to change.
        var before = client.ToMetadata();
        var after = result.Metadata! with
        {
            IsTrusted = before.IsTrusted, SkipConsent = before.SkipConsent, AllowClaimsWithoutScope = before.AllowClaimsWithoutScope,
            LifecycleManaged = before.LifecycleManaged,
        };
        // The initial access token's policy binds every update the client makes itself, with the errors registration
        // gives; an administrator may go beyond it, and the audit log says so.
        if (!byAdmin && RegistrationProfiles.CheckBound(client, after) is { } outside)
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, Refusal.Of(outside), context);
        if (await documents.CheckAsync(after, before, context.RequestAborted) is { } documentError)
            return await RefusedAsync(audit, AuditActions.ClientUpdated, caller, Refusal.Of(documentError), context);
        var now = time.GetUtcNow();
        client.Apply(after);
        // RFC 7592 §2.2 replaces the registration as a whole: a statement sent again is kept, one left out is gone.
        client.SoftwareStatement = statement;
        client.UpdatedAt = now;
        var changes = ClientMetadataJson.Changes(before, after).ToList();
        string? newSecret = null;
        if (after.IsConfidentialWithSecret && client.CurrentSecret() is null)
            newSecret = ClientCredentials.IssueSecret(client, hasher, now, options.Value.SecretLifetime).Value;
        else if (!after.IsConfidentialWithSecret && client.CurrentSecret() is not null)
            ClientCredentials.RemoveSecret(client);
        if (newSecret is not null || (!after.IsConfidentialWithSecret && before.IsConfidentialWithSecret))
            changes.Add(new AuditChange(Names.ClientSecret, null, null)); // named, never shown
        // MGT-38: every successful update by the client rotates its token; the old one dies with this commit.
        // An administrator's update leaves the client's token alone: rotating it would lock the client out.
        var token = byAdmin ? null : ClientCredentials.IssueRegistrationToken(client, now, options.Value.RegistrationTokenIdleLifetime);
        audit.Record(new AuditEntry(AuditActions.ClientUpdated, caller.Actor, Resource(clientId), AuditOutcome.Ok(), changes));
        audit.RecordIfFlagged(after, caller.Actor, clientId);
        audit.RecordIfOverridden(client, after, caller.Actor);
        if (token is not null)
            audit.Record(new AuditEntry(AuditActions.RegistrationTokenRotated, caller.Actor, Resource(clientId), AuditOutcome.Ok()));
        if (await SaveAsync(db, options, context) is { } conflict)
            return conflict;
        Log.ClientUpdated(logger, clientId);
        OAuthResults.NoStore(context.Response);
        ClientVersionTag.Set(context.Response, client);
        if (!byAdmin)
            uses.Used(clientId, secretId: null, now);
        return TypedResults.Ok(information.Build(client, context.Request, token, newSecret, Act(caller), now));
    }

    private static async Task<Results<Ok<ClientInformationResponse>, OAuthErrorResult>> RotateSecretAsync(
        [FromRoute] string clientId, RegistrationCaller caller, HttpContext context, ClientsDbContext db, IAuditTrail audit, SecretHasher hasher,
        ClientInformation information, IOptions<RegistrationOptions> options, IOptions<SecretRotationOptions> rotation, ClientUseRecorder uses,
        TimeProvider time, ILogger<Program> logger)
    {
        var client = caller.Client;
        var byAdmin = caller.IsAdmin;
        // A rotation changes the registration, so the update lock covers it.
        if (client.UpdateLocked && !byAdmin)
            return await RefusedAsync(audit, AuditActions.SecretRegenerated, caller, Refusal.AccessDenied(UpdateLockedDescription), context);
        if (IsStale(context, client))
            return await RefusedAsync(audit, AuditActions.SecretRegenerated, caller, Refusal.Stale(), context);
        if (!client.ToMetadata().IsConfidentialWithSecret)
            return await RefusedAsync(audit, AuditActions.SecretRegenerated, caller,
                Refusal.InvalidRequest($"This client authenticates with {client.TokenEndpointAuthMethod} and has no secret to rotate."), context);
        // A client an administrator took outside its policy may not go on changing itself: it asks an administrator.
        if (!byAdmin && RegistrationProfiles.CheckBound(client, client.ToMetadata()) is { } outside)
            return await RefusedAsync(audit, AuditActions.SecretRegenerated, caller, Refusal.Of(outside), context);
        var now = time.GetUtcNow();
        var rotated = ClientCredentials.RotateSecret(client, hasher, now, options.Value.SecretLifetime, rotation.Value.GracePeriod, rotation.Value.MaxSecrets);
        // Full: replacing a secret before the expiry an answer announced for it would break that answer (issue 34).
        if (rotated.Refusal is { } full)
            return await RefusedAsync(audit, AuditActions.SecretRegenerated, caller, Refusal.InvalidRequest(full), context);
        client.UpdatedAt = now;
        // As after every update by the client (MGT-38), its registration access token rotates too.
        var token = byAdmin ? null : ClientCredentials.IssueRegistrationToken(client, now, options.Value.RegistrationTokenIdleLifetime);
        audit.Record(new AuditEntry(AuditActions.SecretRegenerated, caller.Actor, Resource(clientId), AuditOutcome.Ok(), SecretRotationAudit.Changes(rotated)));
        if (token is not null)
            audit.Record(new AuditEntry(AuditActions.RegistrationTokenRotated, caller.Actor, Resource(clientId), AuditOutcome.Ok()));
        if (await SaveAsync(db, options, context) is { } conflict)
            return conflict;
        Log.SecretRotated(logger, clientId);
        OAuthResults.NoStore(context.Response);
        ClientVersionTag.Set(context.Response, client);
        if (!byAdmin)
            uses.Used(clientId, secretId: null, now);
        return TypedResults.Ok(information.Build(client, context.Request, token, rotated.Issued!.Value, Act(caller), now) with
        {
            // Not an RFC 7591 member: when the secret this replaced stops working (seconds, as client_secret_expires_at).
            PreviousClientSecretExpiresAt = rotated.Replaced?.ExpiresAt?.ToUnixTimeSeconds(),
        });
    }

    private static ClientAct Act(RegistrationCaller caller) => caller.IsAdmin ? ClientAct.ByAdministrator : ClientAct.ByClient;

    private static async Task<Results<NoContent, OAuthErrorResult>> DeleteAsync(
        [FromRoute] string clientId, RegistrationCaller caller, HttpContext context, ClientsDbContext db, IAuditTrail audit,
        IOptions<RegistrationOptions> options, ILogger<Program> logger)
    {
        var client = caller.Client;
        if (client.DeleteLocked && !caller.IsAdmin)
            return await RefusedAsync(audit, AuditActions.ClientDeleted, caller,
                Refusal.AccessDenied("An administrator does not allow this client to delete its registration."), context);
        if (IsStale(context, client))
            return await RefusedAsync(audit, AuditActions.ClientDeleted, caller, Refusal.Stale(), context);
        db.Clients.Remove(client);
        audit.Record(new AuditEntry(AuditActions.ClientDeleted, caller.Actor, Resource(clientId),
            AuditOutcome.Ok(StatusCodes.Status204NoContent), ClientMetadataJson.Changes(client.ToMetadata(), null)));
        if (await SaveAsync(db, options, context) is { } conflict)
            return conflict;
        Log.ClientDeleted(logger, clientId);
        return TypedResults.NoContent();
    }

    /// <summary>RFC 7592 §2.2: client_id present and equal; no server-owned member; a client_secret only if it is the current one.</summary>
    private static string? UpdateRequestError(JsonElement body, Client client)
    {
        if (!body.TryGetProperty(Names.ClientId, out var id) || id.ValueKind != JsonValueKind.String)
            return $"{Names.ClientId}: required, and must be this client's id";
        if (id.GetString() != client.ClientId)
            return $"{Names.ClientId}: does not match the client being updated";
        if (ServerOwned.FirstOrDefault(name => body.TryGetProperty(name, out _)) is { } owned)
            return $"{owned}: must not be sent in an update (RFC 7592 §2.2)";
        if (body.TryGetProperty(Names.ClientSecret, out var secret) && secret.ValueKind != JsonValueKind.Null
            && (secret.ValueKind != JsonValueKind.String || client.CurrentSecret() is not { } current || !SecretHasher.Verify(secret.GetString()!, current.Hash)))
            return $"{Names.ClientSecret}: does not match the current secret, and cannot be changed this way";
        return null;
    }

    /// <summary>
    /// Commits a change made with the row version read at authentication. If another request with the same
    /// token committed first (MGT-45), it rotated or removed that token: this one is no longer valid.
    /// </summary>
    private static async Task<OAuthErrorResult?> SaveAsync(ClientsDbContext db, IOptions<RegistrationOptions> options, HttpContext context)
    {
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
            return null;
        }
        catch (DbUpdateConcurrencyException) when (context.Request.Headers.IfMatch.Count > 0)
        {
            return Refusal.Stale().Answer;
        }
        catch (DbUpdateConcurrencyException)
        {
            return OAuthResults.Challenge(StatusCodes.Status401Unauthorized, options.Value.Realm, OAuthErrors.InvalidToken,
                "The registration access token was rotated by a concurrent update.");
        }
    }

    /// <summary>If-Match sent, naming a version the registration no longer has (RFC 9110 §13.1.1; issue 34).</summary>
    private static bool IsStale(HttpContext context, Client client) =>
        context.Request.Headers.IfMatch.Count > 0 && !ClientVersionTag.Matches(context.Request.Headers.IfMatch, client);

    /// <summary>
    /// Records the refusal in the audit log and answers it, both from the one <see cref="Refusal"/>: a registration's by
    /// an anonymous caller, a management request's by the client (or administrator) that authenticated.
    /// </summary>
    private static async Task<OAuthErrorResult> RefusedAsync(IAuditTrail audit, string action, RegistrationCaller? caller, Refusal refusal, HttpContext context)
    {
        await audit.RecordNowAsync(new AuditEntry(action, caller?.Actor ?? AuditActor.Anonymous, Resource(caller?.Client.ClientId), refusal.Outcome),
            context.RequestAborted);
        return refusal.Answer;
    }

    private static string PresentedToken(HttpContext context) => BearerToken.Read(context.Request).Token!;

    private static AuditResource Resource(string? clientId) => new(AuditResourceTypes.Client, clientId);
}
