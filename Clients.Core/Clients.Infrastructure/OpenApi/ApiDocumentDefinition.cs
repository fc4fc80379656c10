using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>
/// What one API's document adds to what ASP.NET Core infers from its endpoints and types: the title, the security
/// schemes, the security each endpoint's authorization metadata means, and its error format (RFC 7591 §3.2.2 JSON on
/// /register, RFC 9457 problem+json on /admin).
/// </summary>
public abstract class ApiDocumentDefinition
{
    /// <summary>Where the document is served (through the gateway, like every path of the API).</summary>
    public abstract string Path { get; }

    public abstract OpenApiInfo Info { get; }

    /// <summary>The credentials the API takes, by the names <see cref="Security"/> refers to them.</summary>
    public abstract IDictionary<string, IOpenApiSecurityScheme> SecuritySchemes();

    /// <summary>The type of the API's error body, and the component schema it is documented as.</summary>
    public abstract Type ErrorType { get; }

    public abstract string ErrorSchemaId { get; }

    public abstract string ErrorContentType { get; }

    /// <summary>The alternatives that may authorize the endpoint (none: anyone may call it).</summary>
    public abstract IList<OpenApiSecurityRequirement> Security(EndpointMetadataCollection metadata, OpenApiDocument document);

    /// <summary>The error answer of this API for <paramref name="status"/>.</summary>
    public OpenApiResponse Error(int status, string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ErrorContentType] = new() { Schema = new OpenApiSchemaReference(ErrorSchemaId, document) },
        },
    };

    /// <summary>Whether an authorized endpoint can also answer 403 (a credential without the scope it needs).</summary>
    public virtual bool HasScopes => true;
}
