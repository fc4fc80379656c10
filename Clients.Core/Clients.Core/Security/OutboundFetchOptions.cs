using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// How the APIs fetch documents at URLs a caller named (section "OutboundFetch"): an issuer's jwks_uri, a client's
/// sector_identifier_uri. Validated at start-up.
/// </summary>
public sealed class OutboundFetchOptions
{
    public const string SectionName = "OutboundFetch";

    /// <summary>How long a fetch may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a fetched document is used before it is fetched again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a failed fetch is remembered: a flood naming one dead URL costs one fetch per this, not one each.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FailureCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fetch from loopback and private networks, and over plain HTTP: for development and tests only. Off, no URL a
    /// caller names can make this server connect inside its own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }
}
