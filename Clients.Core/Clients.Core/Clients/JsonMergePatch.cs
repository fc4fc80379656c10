using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// JSON Merge Patch (RFC 7396): a patch document says what changes — a member set to <c>null</c> is removed, an object
/// is merged member by member, any other value replaces what was there — and everything it leaves out stays.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>The patch document's media type (RFC 7396 §4), also announced in <c>Accept-Patch</c> (RFC 5789 §3.1).</summary>
    public const string MediaType = "application/merge-patch+json";

    /// <summary>RFC 7396 §2, MergePatch(Target, Patch): <paramref name="target"/> is changed in place where it is an object.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
            return JsonSerializer.SerializeToNode(patch);
        var result = target as JsonObject ?? [];
        foreach (var member in patch.EnumerateObject())
        {
            var current = result[member.Name];
            // Detached first: the merged value may be the same node, and a node has one parent.
            result.Remove(member.Name);
            if (member.Value.ValueKind != JsonValueKind.Null)
                result[member.Name] = Apply(current, member.Value);
        }
        return result;
    }
}
