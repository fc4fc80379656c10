using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>
/// What the generator does not say from a type: a member's <see cref="AllowedValuesAttribute"/> becomes the schema's
/// <c>enum</c> (of each item, for a list), so a wire member names its values once, where the type declares it.
/// </summary>
internal static class AllowedValuesSchema
{
    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true)
            is not [AllowedValuesAttribute allowed, ..])
            return;
        var values = allowed.Values.Select(v => v is null ? null : JsonValue.Create(v.ToString())).Cast<JsonNode>().ToList();
        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        target.Enum = values;
    }
}
