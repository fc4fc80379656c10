using System.Text.Json;
using System.Text.Json.Nodes;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// Client metadata as RFC 7591 JSON members (arrays for lists, absent when unset), used by both APIs'
/// responses and by the audit trail's field-level changes.
/// </summary>
public static class ClientMetadataJson
{
    /// <param name="includeAdminFlags">Only the admin API shows the admin-only flags.</param>
    public static JsonObject ToJson(ClientMetadata m, bool includeAdminFlags)
    {
        var json = new JsonObject
        {
            [Names.RedirectUris] = Array(m.RedirectUris),
            [Names.TokenEndpointAuthMethod] = m.TokenEndpointAuthMethod,
            [Names.GrantTypes] = Array(m.GrantTypes),
            [Names.ResponseTypes] = Array(m.ResponseTypes),
        };
        Add(json, Names.ClientName, m.ClientName);
        foreach (var (name, value) in m.Localized.OrderBy(l => l.Key, StringComparer.Ordinal))
            json[name] = value;
        Add(json, Names.ClientUri, m.ClientUri);
        Add(json, Names.LogoUri, m.LogoUri);
        Add(json, Names.Scope, m.Scope);
        if (m.Contacts.Count > 0)
            json[Names.Contacts] = Array(m.Contacts);
        Add(json, Names.TosUri, m.TosUri);
        Add(json, Names.PolicyUri, m.PolicyUri);
        Add(json, Names.JwksUri, m.JwksUri);
        if (m.Jwks is not null)
            json[Names.Jwks] = JsonNode.Parse(m.Jwks);
        Add(json, Names.SoftwareId, m.SoftwareId);
        Add(json, Names.SoftwareVersion, m.SoftwareVersion);
        if (m.PostLogoutRedirectUris.Count > 0)
            json[Names.PostLogoutRedirectUris] = Array(m.PostLogoutRedirectUris);
        json[Names.ApplicationType] = m.ApplicationType;
        json[Names.SubjectType] = m.SubjectType;
        Add(json, Names.SectorIdentifierUri, m.SectorIdentifierUri);
        json[Names.IdTokenSignedResponseAlg] = m.IdTokenSignedResponseAlg;
        json[Names.RequireAuthTime] = m.RequireAuthTime;
        if (m.DefaultMaxAge is { } maxAge)
            json[Names.DefaultMaxAge] = maxAge;
        json[Names.RequirePushedAuthorizationRequests] = m.RequirePushedAuthorizationRequests;
        if (includeAdminFlags)
        {
            json[Names.IsTrusted] = m.IsTrusted;
            json[Names.SkipConsent] = m.SkipConsent;
            json[Names.AllowClaimsWithoutScope] = m.AllowClaimsWithoutScope;
        }
        return json;
    }

    /// <summary>The members that differ, with their values before and after (null = absent).</summary>
    public static IReadOnlyList<Audit.AuditChange> Changes(ClientMetadata? before, ClientMetadata? after)
    {
        var old = before is null ? new JsonObject() : ToJson(before, includeAdminFlags: true);
        var @new = after is null ? new JsonObject() : ToJson(after, includeAdminFlags: true);
        return old.Select(p => p.Key).Union(@new.Select(p => p.Key)).Order(StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(old[name], @new[name]))
            .Select(name => new Audit.AuditChange(name, Element(old[name]), Element(@new[name])))
            .ToList();
    }

    private static JsonElement? Element(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
            json[name] = value;
    }
}
