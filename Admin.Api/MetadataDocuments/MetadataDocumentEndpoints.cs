using ClientPlatform.Admin.Api.Auth;
using ClientPlatform.Admin.Api.Clients;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using ClientPlatform.Clients.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace ClientPlatform.Admin.Api.MetadataDocuments;

/// <summary>
/// <c>GET /admin/clients/resolve?client_id=https://…</c> (issue 35): the authorization server, meeting a client id that is
/// an https URL, asks for the client its Client ID Metadata Document describes. Authenticated like <c>verify-secret</c>;
/// the client is then an administrator's to list, lock and delete like any other.
/// </summary>
internal static class MetadataDocumentEndpoints
{
    public const string ClientIdParameter = "client_id";

    public static WebApplicationBuilder AddMetadataDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetadataDocumentOptions>().BindConfiguration(MetadataDocumentOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MetadataDocumentFetch>();
        builder.Services.AddScoped<MetadataDocumentResolver>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMetadataDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        // The literal "resolve" wins over {clientId}, whose ids are GUIDs or https URLs (design.md §7 C-17).
        foreach (var clients in AdminRoutes.Groups(app, "clients"))
            clients.MapGet("resolve", ResolveAsync).RequireAuthorization(AdminScopes.ClientsRead)
                .RateLimited(RateLimitPolicies.AdminGet, RateLimitPartition.AdminCredential)
                .Describe("resolveClientIdMetadataDocument", "Clients", "Resolve a Client ID Metadata Document",
                    "For an authorization server meeting a client_id that is an https URL (draft-ietf-oauth-client-id-metadata-document): the client its " +
                    "document describes, fetched once and kept while fresh (Cache-Control, within MetadataDocuments:CacheMinimum and CacheMaximum). " +
                    "Cache-Control on the answer says how long it stays fresh.")
                .Query<string>(ClientIdParameter, "The client id met: the https URL of the client's metadata document.", required: true)
                .Answers(StatusCodes.Status200OK, "The client, as its document describes it (source metadata_document).", ApiHeaders.ETag)
                .Answers(StatusCodes.Status400BadRequest, "client_id is not a URL a metadata document may have.")
                .Answers(StatusCodes.Status403Forbidden, "Not resolved here: MetadataDocuments:Enabled is false, or the host is not trusted.")
                .Answers(StatusCodes.Status422UnprocessableEntity, "The document is not a valid client: the detail names the member and the rule.")
                .Answers(StatusCodes.Status502BadGateway, "The document could not be fetched (refused address, timeout, too large, not 200).");
        return app;
    }

    private static async Task<Results<Ok<AdminClientEnvelope>, ProblemHttpResult>> ResolveAsync(
        [FromQuery(Name = ClientIdParameter)] string? clientId, AdminActor caller, MetadataDocumentResolver resolver, TimeProvider time,
        HttpResponse response, CancellationToken cancellation)
    {
        var (client, refusal) = await resolver.ResolveAsync(clientId, caller, cancellation);
        if (refusal is not null)
            return refusal.ToProblem();
        ClientPreconditions.Tag(response, client!);
        // The authorization server may keep the answer as long as the platform keeps the document.
        var fresh = (long)Math.Max(0, (client!.DocumentFreshUntil!.Value - time.GetUtcNow()).TotalSeconds);
        response.Headers.CacheControl = $"private, max-age={fresh}";
        return TypedResults.Ok(new AdminClientEnvelope(AdminClient.From(client)));
    }
}
