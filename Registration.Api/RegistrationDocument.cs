using System.Text.Json.Nodes;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using static ClientPlatform.Clients.Infrastructure.OpenApi.ApiSchemas;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// The OpenAPI 3.1 document of /register (RFC 7591, RFC 7592): its schemas, its three bearer credentials and its
/// RFC 7591 §3.2.2 error body. The security of POST /register follows Registration:Mode as this replica runs it.
/// </summary>
internal sealed class RegistrationDocument(IOptions<RegistrationOptions> options) : ApiDocumentDefinition
{
    public const string ClientMetadata = "ClientMetadata";
    public const string ClientUpdate = "ClientUpdate";
    public const string ClientInformation = "ClientInformation";
    public const string OAuthError = "OAuthError";
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

    public override void AddComponents(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var metadata = ClientMetadataSchemas.Request("Client metadata to register (RFC 7591 §2, §3.1). Unknown members are ignored.", admin: false);
        metadata.Examples = [JsonNode.Parse("""
            {"redirect_uris": ["https://app.example.com/callback"], "client_name": "Example App", "client_name#fr": "Application exemple",
             "grant_types": ["authorization_code", "refresh_token"], "token_endpoint_auth_method": "client_secret_basic",
             "scope": "openid profile", "contacts": ["ops@example.com"]}
            """)!];
        schemas[ClientMetadata] = metadata;
        var update = ClientMetadataSchemas.Request("The whole registration again (RFC 7592 §2.2): members left out return to their defaults.", admin: false, Names.ClientId);
        update.Properties![Names.ClientId] = String("This client's id (RFC 7592 §2.2: required, must match).", ClientLimits.ClientIdMaxLength);
        update.Properties[Names.ClientSecret] = String("Only the current secret may be sent (RFC 7592 §2.2); it cannot be changed here.");
        schemas[ClientUpdate] = update;

        var information = ClientMetadataSchemas.Members(admin: false);
        information[Names.ClientId] = String("The client identifier (RFC 7591 §3.2.1).", ClientLimits.ClientIdMaxLength);
        information[Names.ClientSecret] = String("The client secret: only in the answer that issued it; store it then, it is kept only as a BCrypt hash.");
        information[Names.ClientIdIssuedAt] = Integer("When the client id was issued (Unix time, seconds).");
        information[Names.ClientSecretExpiresAt] = Integer("When the secret expires (Unix time, seconds); 0: it does not (RFC 7591 §3.2.1).", 0);
        information[Names.RegistrationAccessToken] = String("The token for RFC 7592 reads, updates and deletes; each update issues a new one.");
        information[Names.RegistrationClientUri] = Uri("Where this registration is read, updated and deleted (RFC 7592 §3).");
        var response = Object("The client information response (RFC 7591 §3.2.1, RFC 7592 §3).", information,
            Names.ClientId, Names.ClientIdIssuedAt, Names.RegistrationClientUri);
        response.PatternProperties = ClientMetadataSchemas.LocalizedMembers();
        response.Examples = [JsonNode.Parse("""
            {"client_id": "s6BhdRkqt3", "client_secret": "cf136dc3c1fc93f31185e5885805d", "client_id_issued_at": 2893256800,
             "client_secret_expires_at": 0, "registration_access_token": "this.is.an.access.token.value.ffx83",
             "registration_client_uri": "https://clients.example.com/register/s6BhdRkqt3",
             "redirect_uris": ["https://app.example.com/callback"], "client_name": "Example App",
             "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
             "token_endpoint_auth_method": "client_secret_basic", "scope": "openid profile"}
            """)!];
        schemas[ClientInformation] = response;

        schemas[OAuthError] = Object("An error (RFC 7591 §3.2.2, RFC 6750 §3.1).", new Dictionary<string, IOpenApiSchema>
        {
            ["error"] = OneOf("The error code.",
            [
                OAuthErrors.InvalidRedirectUri, OAuthErrors.InvalidClientMetadata, OAuthErrors.InvalidSoftwareStatement,
                OAuthErrors.UnapprovedSoftwareStatement, OAuthErrors.InvalidRequest, OAuthErrors.InvalidToken, OAuthErrors.InsufficientScope,
                OAuthErrors.AccessDenied, OAuthErrors.RateLimited, "not_found", "server_error",
            ]),
            ["error_description"] = String("What was wrong, naming the member (printable ASCII, RFC 6749 §5.2)."),
        }, "error");
        ((OpenApiSchema)schemas[OAuthError]).Examples = [JsonNode.Parse("""
            {"error": "invalid_redirect_uri", "error_description": "redirect_uris[0]: must not contain a fragment"}
            """)!];

        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [RegistrationAccessToken] = Bearer("The registration access token from the registration answer (RFC 7592 §1)."),
            [InitialAccessToken] = Bearer("An initial access token an administrator issued (RFC 7591 §3); needed when Registration:Mode is token."),
            [AdminBearer] = Bearer("An admin API key or the bootstrap secret with the client:admin scope: it may read, update and delete any registration."),
        };
    }

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

    public override OpenApiResponse Error(int status, string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = Ref(OAuthError, document) } },
    };

    private static OpenApiSecurityScheme Bearer(string description) =>
        new() { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = description };

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
