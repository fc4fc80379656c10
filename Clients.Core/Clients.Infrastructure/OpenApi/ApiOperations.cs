using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>What an endpoint is, for the OpenAPI document: its operationId, tag, summary and description.</summary>
public sealed record ApiOperation(string Id, string Tag, string Summary, string? Description);

/// <summary>The request body's description; its schema is the endpoint's <see cref="ApiRequestType"/>.</summary>
public sealed record ApiRequestBody(string Description);

/// <summary>
/// The type a JSON request body is described by: added by a body parameter that binds itself (it reads the body, so
/// nothing is inferred), or by <c>Takes&lt;T&gt;</c> where the body is read as raw JSON (RFC 7591 §3.2.2). Unlike
/// <c>AcceptsMetadata</c>, it does not make routing refuse other content types: the API answers those in its own words.
/// </summary>
/// <param name="Optional">The body may be left out altogether (every member has a default).</param>
public sealed record ApiRequestType(Type Type, string MediaType = ApiRequestType.Json, bool Optional = false)
{
    public const string Json = "application/json";
}

/// <summary>
/// One answer of an endpoint, its description and headers. Its body is the type the handler's <c>Results&lt;…&gt;</c>
/// declares for the status (or, for an error, the API's error body).
/// </summary>
public sealed record ApiResponse(int Status, string Description, IReadOnlyList<string> Headers);

/// <summary>
/// A query or path parameter read by its handler or by a type that binds itself: its schema is generated from
/// <see cref="Type"/>, with the bounds or values the reader enforces.
/// </summary>
public sealed record ApiParameter(string Name, ParameterLocation In, string Description, Type Type)
{
    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A query parameter without which the operation is refused (a path parameter always is).</summary>
    public bool Required { get; init; }

    public static ApiParameter Query<T>(string name, string description, long? minimum = null, long? maximum = null, IReadOnlyList<string>? values = null) =>
        new(name, ParameterLocation.Query, description, typeof(T)) { Minimum = minimum, Maximum = maximum, Values = values };
}

/// <summary>
/// Endpoint conventions that describe an operation beside its mapping, so the description sits where the route
/// is mapped and cannot be forgotten elsewhere (ApiDocumentsTests fails a route without one).
/// </summary>
public static class ApiOperationExtensions
{
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string operationId, string tag, string summary, string? description = null)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiOperation(operationId, tag, summary, description));

    /// <summary>Describes the body a typed body parameter reads (its schema comes from that parameter's type).</summary>
    public static TBuilder Takes<TBuilder>(this TBuilder builder, string description)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiRequestBody(description));

    /// <summary>Describes a JSON body the handler reads itself as <typeparamref name="TBody"/>.</summary>
    public static RouteHandlerBuilder Takes<TBody>(this RouteHandlerBuilder builder, string description) =>
        builder.WithMetadata(new ApiRequestType(typeof(TBody)), new ApiRequestBody(description));

    /// <summary>
    /// Describes an answer: its body is the type the handler's <c>Results&lt;…&gt;</c> declares for the status; an error
    /// without one is the API's error body.
    /// </summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, int status, string description, params string[] headers)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiResponse(status, description, headers));

    public static RouteHandlerBuilder Query<T>(this RouteHandlerBuilder builder, string name, string description, IReadOnlyList<string>? values = null,
        bool required = false) =>
        builder.WithMetadata(ApiParameter.Query<T>(name, description, values: values) with { Required = required });

    public static TBuilder PathParameter<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiParameter(name, ParameterLocation.Path, description, typeof(string)));
}

/// <summary>Response header names the documents describe (RFC 9110, RFC 6750 §3, RFC 6585 §4).</summary>
public static class ApiHeaders
{
    public const string Location = "Location";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string RetryAfter = "Retry-After";
    public const string ContentDisposition = "Content-Disposition";
    public const string ETag = "ETag";
}
