using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// The OpenAPI 3.1 document of /register (RFC 7591, RFC 7592), its schemas generated from the wire types
/// (RegistrationContracts): its three bearer credentials and its RFC 7591 §3.2.2 error body. The security of POST /register follows Registration:Mode as this replica runs it.
/// </summary>
internal sealed class RegistrationDocument(IOptions<RegistrationOptions> options) : ApiDocumentDefinition
{
    private const string RegistrationAccessToken = "registrationAccessToken";
    private const string InitialAccessToken = "initialAccessToken";
    private const string AdminBearer = "adminBearer";

    public override string Path => "/register/openapi.json";

    public override OpenApiInfo Info => new()
    {
        Title = "ClientPlatform registration API",
        Version = typeof(RegistrationDocument).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        Description = "OAuth 2.0 Dynamic Client Registration (RFC 7591) and its management protocol (RFC 7592). " +
            "List-valued metadata are JSON arrays; errors are the JSON object of RFC 7591 §3.2.2 with Cache-Control: no-store.",
    };

    public override bool HasScopes => false;

    public override Type ErrorType => typeof(OAuthError);

    public override string ErrorSchemaId => nameof(OAuthError);

    public override string ErrorContentType => "application/json";

    public override IDictionary<string, IOpenApiSecurityScheme> SecuritySchemes() => new Dictionary<string, IOpenApiSecurityScheme>
    {
        [RegistrationAccessToken] = Bearer("The registration access token from the registration answer (RFC 7592 §1)."),
        [InitialAccessToken] = Bearer("An initial access token an administrator issued (RFC 7591 §3); needed when Registration:Mode is token."),
        [AdminBearer] = Bearer("An admin API key or the bootstrap secret with the client:admin scope: it may read, update and delete any registration."),
    };

    public override IList<OpenApiSecurityRequirement> Security(EndpointMetadataCollection metadata, OpenApiDocument document)
    {
        if (metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == RegistrationTokenHandler.Policy))
            return [Requirement(RegistrationAccessToken, document), Requirement(AdminBearer, document)];
        var route = metadata.GetMetadata<ApiOperation>();
        // POST /register: open, or with an initial access token (RFC 7591 §3), as this deployment is set.
        return route?.Id == RegistrationEndpoints.RegisterOperation && options.Value.Mode == RegistrationMode.Token
            ? [Requirement(InitialAccessToken, document)]
            : [];
    }

    private static OpenApiSecurityScheme Bearer(string description) =>
        new() { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = description };

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
