using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>What an endpoint is, for the OpenAPI document: its operationId, tag, summary and description.</summary>
public sealed record ApiOperation(string Id, string Tag, string Summary, string? Description);

/// <summary>
/// The request body's description. Its schema is the type the endpoint accepts (<c>AcceptsMetadata</c>, added by a
/// typed body parameter); <see cref="SchemaId"/> names a component schema only for a body read as raw JSON (RFC 7591).
/// </summary>
public sealed record ApiRequestBody(string? SchemaId, string Description, bool Required);

/// <summary>
/// One answer of an endpoint: its description and headers. Its body is the type the endpoint's <c>Results&lt;…&gt;</c>
/// declares for the status; <see cref="SchemaId"/> names a component schema only for an answer built as raw JSON.
/// </summary>
public sealed record ApiResponse(int Status, string Description, string? SchemaId, string ContentType, IReadOnlyList<string> Headers);

/// <summary>A query or path parameter the handler reads itself.</summary>
public sealed record ApiParameter(string Name, ParameterLocation In, string Description, OpenApiSchema Schema);

/// <summary>
/// Endpoint conventions that describe an operation beside its mapping, so the description sits where the route
/// is mapped and cannot be forgotten elsewhere (ApiDocumentsTests fails a route without one).
/// </summary>
public static class ApiOperationExtensions
{
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string operationId, string tag, string summary, string? description = null)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiOperation(operationId, tag, summary, description));

    public static TBuilder Takes<TBuilder>(this TBuilder builder, string schemaId, string description, bool required = true)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiRequestBody(schemaId, description, required));

    /// <summary>Describes the typed body the endpoint accepts (its schema comes from the type).</summary>
    public static TBuilder Takes<TBuilder>(this TBuilder builder, string description)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiRequestBody(null, description, true));

    /// <summary>
    /// Describes an answer: its body is the type the handler's <c>Results&lt;…&gt;</c> declares for the status (or, for a
    /// raw JSON answer, the component schema <paramref name="schemaId"/>); an error without one is the API's error format.
    /// </summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, int status, string description, string? schemaId = null,
        string contentType = "application/json", params string[] headers)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiResponse(status, description, schemaId, contentType, headers));

    public static TBuilder Query<TBuilder>(this TBuilder builder, string name, string description, OpenApiSchema schema)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiParameter(name, ParameterLocation.Query, description, schema));

    public static TBuilder PathParameter<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiParameter(name, ParameterLocation.Path, description, new OpenApiSchema { Type = JsonSchemaType.String }));
}

/// <summary>Response header names the documents describe (RFC 9110, RFC 6750 §3, RFC 6585 §4).</summary>
public static class ApiHeaders
{
    public const string Location = "Location";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string RetryAfter = "Retry-After";
    public const string ContentDisposition = "Content-Disposition";
}
