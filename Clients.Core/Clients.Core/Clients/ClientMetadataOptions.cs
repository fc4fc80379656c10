using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Core;

/// <summary>Which redirect URIs a client may register (setting <c>ClientMetadata:RedirectUris</c>), on both APIs.</summary>
public enum RedirectUriPolicy
{
    /// <summary>
    /// design.md §7 C-15: https, loopback http and private-use schemes whatever the application_type, since real MCP
    /// clients register <c>cursor://…</c> without saying they are native. The default.
    /// </summary>
    Permissive,

    /// <summary>The per-application_type allow-list of <see cref="RedirectUriRules.CheckFor"/> as well.</summary>
    Strict,
}

/// <summary>Settings of the client metadata rules (section "ClientMetadata"), validated at start-up.</summary>
public sealed class ClientMetadataOptions
{
    public const string SectionName = "ClientMetadata";

    [EnumDataType(typeof(RedirectUriPolicy))]
    public RedirectUriPolicy RedirectUris { get; set; } = RedirectUriPolicy.Permissive;
}
