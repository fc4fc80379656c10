using ClientPlatform.Admin.Api.Clients;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using static ClientPlatform.Clients.Infrastructure.OpenApi.ApiSchemas;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Admin.Api;

/// <summary>
/// The OpenAPI 3.1 document of the admin API (seed 004): its schemas, the admin bearer with the scope each
/// operation needs (read from the endpoint's own authorization policy), and problem+json errors with the seed's codes.
/// </summary>
internal sealed class AdminDocument : ApiDocumentDefinition
{
    public const string Problem = "Problem";
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

    public override void AddComponents(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        schemas[Problem] = Object("An error (RFC 9457 problem details) with the seed's error code.", new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = String("A URI naming the problem type."),
            ["title"] = String("The status's reason phrase."),
            ["status"] = Integer("The HTTP status."),
            ["detail"] = String("What was wrong, naming the member: \"member: rule\"."),
            ["error"] = OneOf("The seed's error code.", [AdminProblems.InvalidRequest, AdminProblems.Unauthorized, AdminProblems.Forbidden,
                AdminProblems.NotFound, AdminProblems.Conflict, AdminProblems.RateLimited, AdminProblems.ServerError]),
            ["traceId"] = String("The trace to find this request by in the logs and traces."),
        }, "status", "error");
        ((OpenApiSchema)schemas[Problem]).Examples = [JsonNode.Parse("""
            {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Bad Request", "status": 400,
             "detail": "redirect_uris[0]: must not contain a fragment", "error": "invalid_request", "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
            """)!];

        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [AdminBearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "An admin API key (POST /admin/keys) or the bootstrap ADMIN_API_SECRET. Each operation names the scope it needs: " +
                    string.Join(", ", AdminScopes.All) + "; client:admin holds them all.",
            },
        };
    }

    /// <summary>The scope is the policy's name: the same string the endpoint is authorized by.</summary>
    public override IList<OpenApiSecurityRequirement> Security(EndpointMetadataCollection metadata, OpenApiDocument document)
    {
        var authorization = metadata.GetOrderedMetadata<IAuthorizeData>();
        var scopes = authorization.Select(a => a.Policy).OfType<string>().Distinct().ToList();
        // Authorized without a named policy: any valid admin credential.
        return authorization.Count == 0 ? [] : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminBearer, document)] = scopes }];
    }

    public override OpenApiResponse Error(int status, string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = Ref(Problem, document) } },
    };

    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    private static OpenApiSchema RegistrationPolicySchema(string description, bool nullable = false)
    {
        var schema = Object(description, new Dictionary<string, IOpenApiSchema>
        {
            ["grant_types"] = Strings("Allowed grant types.", RegistrationPolicy.MaxEntries, nullable: true),
            ["redirect_uri_hosts"] = Strings("Allowed redirect URI hosts; *.example.com allows any subdomain.", RegistrationPolicy.MaxEntries, nullable: true),
            ["scopes"] = Strings("Allowed scopes.", RegistrationPolicy.MaxEntries, nullable: true),
        });
        return nullable ? Nullable(schema) : schema;
    }
}
