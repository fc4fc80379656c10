using System.Reflection;
using ClientPlatform.Clients.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ClientPlatform.Admin.Api;

/// <summary>
/// A typed admin request body: its wire shape, and the rules its values keep beyond their JSON types. Its members
/// are settable with defaults (an absent member keeps its default; an init-only one would be read as null).
/// </summary>
internal interface IAdminRequest<TSelf> where TSelf : class, IAdminRequest<TSelf>
{
    /// <summary>The answer when the body is not a JSON object (application/json).</summary>
    static abstract string Shape { get; }

    /// <summary>
    /// The rule answered when the JSON at <paramref name="path"/> ("scopes[1]", "policy.grant_types") is not of the
    /// type its member declares.
    /// </summary>
    static abstract string RuleOf(string path);

    /// <summary>The first rule the values break, in member order ("member: rule"), or null.</summary>
    string? Problem(DateTimeOffset now);

    /// <summary>
    /// What a request without any body means, where every member has a default (<c>curl -X POST</c> sends none); null: a
    /// body is required.
    /// </summary>
    static virtual TSelf? WithoutBody => null;
}

/// <summary>
/// The body of an admin write, read as <typeparamref name="T"/>: a JSON object whose every string can be stored
/// (<see cref="JsonText.StorableProblem"/>), of the member types <typeparamref name="T"/> declares, keeping its rules.
/// Anything else is refused (<see cref="IMayBeRefused"/>) with the member and its rule, before the handler runs. The
/// OpenAPI document describes the body from <typeparamref name="T"/> (the <see cref="ApiRequestType"/> added here).
/// </summary>
internal sealed class AdminBody<T> : IMayBeRefused, IEndpointParameterMetadataProvider where T : class, IAdminRequest<T>
{
    private AdminBody(T? value, string? problem) => (Value, Problem) = (value!, problem);

    public T Value { get; }

    public string? Problem { get; }

    public static async ValueTask<AdminBody<T>> BindAsync(HttpContext context)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // No body at all, not an empty one of some type (that is refused below). Judged by what arrived, not by its framing:
        // a browser's bodiless POST says Content-Length: 0, and forwarded by the gateway over HTTP/2 it may come as an
        // empty DATA frame, a body that can be read and holds nothing (the console's "Add a secret" was refused so in CI).
        // The byte read to tell is lost only from a body without a Content-Type, which is refused whatever it holds.
        if (T.WithoutBody is { } defaults
            && (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }
                || context.Request.ContentType is null && await context.Request.Body.ReadAsync(new byte[1], context.RequestAborted) == 0))
            return new(defaults, defaults.Problem(now));
        var (document, problem) = await AdminRequestBody.ReadAsync(context.Request, T.Shape);
        if (document is null)
            return new(null, problem);
        using (document)
        {
            T? value;
            try
            {
                // The API's wire options (WireJson): strict numbers, null refused where the type does not allow it.
                var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                value = (T?)document.Deserialize(options.GetTypeInfo(typeof(T)));
            }
            catch (JsonException e)
            {
                // "$.scopes[0]": the member whose JSON is not of its type, answered with that member's rule.
                return new(null, e.Path is { Length: > 2 } path ? T.RuleOf(path[2..]) : T.Shape);
            }
            return value is null ? new(null, T.Shape) : new(value, value.Problem(now));
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new ApiRequestType(typeof(T), Optional: T.WithoutBody is not null));
}

/// <summary>
/// The body of an admin write that the client metadata rules read as raw JSON (RFC 7591 §3.2.2: the first bad
/// member in document order, exact echoes): a storable JSON object, or refused like <see cref="AdminBody{T}"/>. The
/// OpenAPI document describes it as <typeparamref name="TDescribed"/>.
/// </summary>
internal sealed class AdminJsonBody<TDescribed> : IMayBeRefused, IEndpointParameterMetadataProvider
{
    private AdminJsonBody(JsonElement root, string? problem) => (Root, Problem) = (root, problem);

    public JsonElement Root { get; }

    public string? Problem { get; }

    public static async ValueTask<AdminJsonBody<TDescribed>> BindAsync(HttpContext context)
    {
        var (document, problem) = await AdminRequestBody.ReadAsync(context.Request, AdminRequestBody.NotAJsonObject);
        if (document is null)
            return new(default, problem);
        // Held until the response is done: the handler reads the elements of this document.
        context.Response.RegisterForDispose(document);
        return new(document.RootElement, null);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new ApiRequestType(typeof(TDescribed)));
}

/// <summary>
/// The body of a PATCH: a JSON Merge Patch (RFC 7396) object, storable, read as raw JSON like
/// <see cref="AdminJsonBody{TDescribed}"/>. A body of another media type is refused 415 with <c>Accept-Patch</c> naming
/// the one accepted (RFC 5789 §2.2, §3.1). The OpenAPI document describes it as <typeparamref name="TDescribed"/>.
/// </summary>
internal sealed class AdminMergePatchBody<TDescribed> : IMayBeRefused, IEndpointParameterMetadataProvider
{
    private AdminMergePatchBody(JsonElement root, string? problem, int status) => (Root, Problem, Status) = (root, problem, status);

    public JsonElement Root { get; }

    public string? Problem { get; }

    public int Status { get; }

    public static async ValueTask<AdminMergePatchBody<TDescribed>> BindAsync(HttpContext context)
    {
        if (!AdminRequestBody.IsOfType(context.Request, JsonMergePatch.MediaType))
        {
            context.Response.Headers["Accept-Patch"] = JsonMergePatch.MediaType;
            return new(default, $"The request body must be a JSON Merge Patch ({JsonMergePatch.MediaType}, RFC 7396).",
                StatusCodes.Status415UnsupportedMediaType);
        }
        var (document, problem) = await AdminRequestBody.ReadAsync(context.Request,
            $"The request body must be a JSON object ({JsonMergePatch.MediaType}).", JsonMergePatch.MediaType);
        if (document is null)
            return new(default, problem, StatusCodes.Status400BadRequest);
        context.Response.RegisterForDispose(document);
        return new(document.RootElement, null, StatusCodes.Status400BadRequest);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new ApiRequestType(typeof(TDescribed), JsonMergePatch.MediaType));
}
