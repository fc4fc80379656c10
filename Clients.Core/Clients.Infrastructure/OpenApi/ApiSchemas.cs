using System.Text.Json.Nodes;
using ClientPlatform.Clients.Core;
using Microsoft.OpenApi;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>
/// Small constructors for the JSON Schema 2020-12 (OpenAPI 3.1) the documents describe. The wire JSON is built
/// by hand (JsonObject, never an entity), so its schemas are too; ApiDocumentsTests checks each against real
/// answers, so that neither can drift from the other.
/// </summary>
public static class ApiSchemas
{
    public static OpenApiSchema String(string description, int? maxLength = null, string? format = null, bool nullable = false) => new()
    {
        Type = Nullable(JsonSchemaType.String, nullable), Description = description, MaxLength = maxLength, Format = format,
    };

    public static OpenApiSchema Uri(string description, bool nullable = false) =>
        String(description, ClientLimits.UriMaxLength, "uri", nullable);

    public static OpenApiSchema OneOf(string description, IEnumerable<string> values, bool nullable = false) => new()
    {
        Type = Nullable(JsonSchemaType.String, nullable), Description = description,
        Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!), .. nullable ? new JsonNode[] { null! } : []],
    };

    public static OpenApiSchema Strings(string description, int maxItems, IOpenApiSchema? items = null, int? maxLength = null, bool nullable = false) => new()
    {
        Type = Nullable(JsonSchemaType.Array, nullable), Description = description, MaxItems = maxItems,
        Items = items ?? new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
    };

    public static OpenApiSchema Array(string description, IOpenApiSchema items) => new()
    {
        Type = JsonSchemaType.Array, Description = description, Items = items,
    };

    public static OpenApiSchema Boolean(string description, bool nullable = false) => new()
    {
        Type = Nullable(JsonSchemaType.Boolean, nullable), Description = description,
    };

    public static OpenApiSchema Integer(string description, long? minimum = null, long? maximum = null, bool nullable = false) => new()
    {
        Type = Nullable(JsonSchemaType.Integer, nullable), Format = "int64", Description = description,
        Minimum = minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Unix time in milliseconds (design.md §7 C-13: the admin API's times).</summary>
    public static OpenApiSchema Milliseconds(string description, bool nullable = false) =>
        Integer(description + " (Unix time, milliseconds)", nullable: nullable);

    /// <summary>Any JSON object (a JWK Set, an audit change's value): its own rules are checked, not described.</summary>
    public static OpenApiSchema AnyObject(string description, bool nullable = false) => new()
    {
        Type = Nullable(JsonSchemaType.Object, nullable), Description = description,
    };

    /// <summary>An object with exactly these members, the required ones named (unknown members: none are answered).</summary>
    public static OpenApiSchema Object(string description, IDictionary<string, IOpenApiSchema> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object, Description = description, Properties = properties,
        Required = required.Length == 0 ? null : new HashSet<string>(required),
    };

    public static IOpenApiSchema Ref(string schemaId, OpenApiDocument document) => new OpenApiSchemaReference(schemaId, document);

    private static JsonSchemaType Nullable(JsonSchemaType type, bool nullable) => nullable ? type | JsonSchemaType.Null : type;
}
