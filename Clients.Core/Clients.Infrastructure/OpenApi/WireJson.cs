using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>
/// The JSON options an API's typed wire records are read, written and documented with: the same options for all
/// three, so the OpenAPI document cannot say other than what the API sends and accepts.
/// </summary>
public static class WireJson
{
    /// <param name="types">The API's generated serialization code (its <c>JsonSerializerContext</c>).</param>
    /// <param name="writeNulls">False where an unset member is absent rather than null (RFC 7591 §3.2.1 answers).</param>
    public static IServiceCollection AddWireJson(this IServiceCollection services, IJsonTypeInfoResolver types, bool writeNulls = true) =>
        services.ConfigureHttpJsonOptions(json =>
        {
            if (!writeNulls)
                json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.PropertyNamingPolicy = WireNames.Instance;
            // A number is a JSON number: "123" is refused, not read as 123 (the web defaults would read it).
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // A member declared non-nullable refuses null, naming the member, rather than reaching a handler as null.
            json.SerializerOptions.RespectNullableAnnotations = true;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, types);
        });
}
