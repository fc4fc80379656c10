using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// Client metadata as the audit trail's field-level changes see it: the members <see cref="ClientMetadataDocument"/>
/// puts on the wire (absent when unset), with the admin-only flags.
/// </summary>
public static class ClientMetadataJson
{
    private static readonly JsonSerializerOptions Members = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The client's metadata as one JSON document, admin-only flags included: what a JSON Merge Patch (RFC 7396) of an
    /// administrator applies to, and what the result is validated as, whole.
    /// </summary>
    public static JsonObject Document(ClientMetadata m) => ToJson(m);

    private static JsonObject ToJson(ClientMetadata m)
    {
        var json = JsonSerializer.SerializeToNode(ClientMetadataDocument.From(m), Members)!.AsObject();
        json[Names.IsTrusted] = m.IsTrusted;
        json[Names.SkipConsent] = m.SkipConsent;
        json[Names.AllowClaimsWithoutScope] = m.AllowClaimsWithoutScope;
        json[Names.LifecycleManaged] = m.LifecycleManaged;
        return json;
    }

    /// <summary>The members that differ, with their values before and after (null = absent).</summary>
    public static IReadOnlyList<Audit.AuditChange> Changes(ClientMetadata? before, ClientMetadata? after)
    {
        var old = before is null ? new JsonObject() : ToJson(before);
        var @new = after is null ? new JsonObject() : ToJson(after);
        return old.Select(p => p.Key).Union(@new.Select(p => p.Key)).Order(StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(old[name], @new[name]))
            .Select(name => new Audit.AuditChange(name, Element(old[name]), Element(@new[name])))
            .ToList();
    }

    private static JsonElement? Element(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);
}
