using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace ClientPlatform.Admin.Api;

/// <summary>
/// The OpenAPI 3.1 document of the admin API (seed 004): its schemas, the admin bearer with the scope each
/// operation needs (read from the endpoint's own authorization policy), and problem+json errors with the seed's codes.
/// </summary>
internal sealed class AdminDocument : ApiDocumentDefinition
{
    private const string AdminBearer = "adminBearer";

    public override string Path => "/admin/openapi.json";

    public override OpenApiInfo Info => new()
    {
        Title = "ClientPlatform admin API",
        Version = typeof(AdminDocument).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        Description = "Client administration (list, search, create, edit, lock, re-key, delete), admin keys, initial access tokens, " +
            "trusted software statement issuers and the audit log. Every path is also served under /api/admin. " +
            "Times are Unix milliseconds; errors are application/problem+json (RFC 9457) with the seed's error code.",
    };

    public override Type ErrorType => typeof(AdminProblem);

    public override string ErrorSchemaId => "Problem";

    public override string ErrorContentType => "application/problem+json";

    public override IDictionary<string, IOpenApiSecurityScheme> SecuritySchemes() => new Dictionary<string, IOpenApiSecurityScheme>
    {
        [AdminBearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "An admin API key (POST /admin/keys) or the bootstrap ADMIN_API_SECRET. Each operation names the scope it needs: " +
                string.Join(", ", AdminScopes.All) + "; client:admin holds them all.",
        },
    };

    /// <summary>The scope is the policy's name: the same string the endpoint is authorized by.</summary>
    public override IList<OpenApiSecurityRequirement> Security(EndpointMetadataCollection metadata, OpenApiDocument document)
    {
        var authorization = metadata.GetOrderedMetadata<IAuthorizeData>();
        var scopes = authorization.Select(a => a.Policy).OfType<string>().Distinct().ToList();
        // Authorized without a named policy: any valid admin credential.
        return authorization.Count == 0 ? [] : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminBearer, document)] = scopes }];
    }
}
