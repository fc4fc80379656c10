using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClientPlatform.Clients.Core;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>
/// What a wire type says of itself beyond its properties, added to the schema the generator made of it: the members
/// it always answers or must be sent (<see cref="RequiredMembersAttribute"/>), its language-tagged members
/// (<see cref="LocalizedMembersAttribute"/>, RFC 7591 §2.2), and an example (<see cref="WireExampleAttribute"/>).
/// </summary>
internal static class WireTypeSchema
{
    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null || type.IsPrimitive || type == typeof(string))
            return;
        // Not inherited: a request type derived from another states its own required members, or none.
        if (type.GetCustomAttribute<RequiredMembersAttribute>(inherit: false) is { } required)
        {
            schema.Required = new HashSet<string>(required.Members);
            // Always there and never null, though declared nullable where the member is shared with a type that may omit it.
            foreach (var name in required.Members)
                if (schema.Properties?.TryGetValue(name, out var member) == true && member is OpenApiSchema { Type: { } memberType } inline)
                    inline.Type = memberType & ~JsonSchemaType.Null;
        }
        if (type.GetCustomAttribute<WireExampleAttribute>(inherit: false) is { } example)
            schema.Examples = [JsonNode.Parse(example.Json)!];
        var localized = type.GetProperties().Any(p => p.GetCustomAttribute<LocalizedMembersAttribute>() is not null
            && p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null);
        if (localized)
        {
            schema.PatternProperties = new Dictionary<string, IOpenApiSchema>
            {
                [LocalizedMembersAttribute.Pattern] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Description = LocalizedMembersAttribute.Description, MaxLength = ClientLimits.UriMaxLength,
                },
            };
            schema.AdditionalProperties = null;
            schema.AdditionalPropertiesAllowed = false;
        }
    }
}
