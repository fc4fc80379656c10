using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ClientPlatform.Admin.Api.MetadataDocuments;

/// <summary>
/// How Client ID Metadata Documents are resolved (section "MetadataDocuments", issue 35). Off by default: an
/// authorization server that resolves them lets any https URL become a client, which its operator chooses to allow.
/// Validated at start-up.
/// </summary>
public sealed class MetadataDocumentOptions : IValidatableObject
{
    public const string SectionName = "MetadataDocuments";

    /// <summary>Whether <c>GET /admin/clients/resolve</c> resolves documents (else it answers 403 saying this setting).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The hosts whose documents are resolved: a host name, or <c>*.example.com</c> for its subdomains. Empty: every
    /// host (the addresses it resolves to are checked all the same).
    /// </summary>
    public List<string> TrustedHosts { get; set; } = [];

    /// <summary>A document is used at least this long before it is fetched again, whatever its Cache-Control says.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "MetadataDocuments:CacheMinimum must be from 1 second to 1 day.")]
    public TimeSpan CacheMinimum { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A document is fetched again after this long at most, whatever its Cache-Control says.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "MetadataDocuments:CacheMaximum must be from 1 second to 7 days.")]
    public TimeSpan CacheMaximum { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a document that could not be fetched or used is refused without fetching it again, across replicas.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "MetadataDocuments:FailureCacheLifetime must be from 0 to 1 hour.")]
    public TimeSpan FailureCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long past its freshness a client already kept is still answered while its document cannot be fetched (the
    /// host down, a timeout: RFC 5861's stale-if-error), so that an outage of the client's host does not stop its
    /// sign-ins at once. A document that is fetched but no longer valid is refused at once. Zero: never.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "MetadataDocuments:StaleIfError must be from 0 to 7 days.")]
    public TimeSpan StaleIfError { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one fetch may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:10", ErrorMessage = "MetadataDocuments:Timeout must be from 1 to 10 seconds.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// For intranet deployments and tests: a PEM file of certificate authorities trusted for document fetches only, beside
    /// the system's. Unset: the system's alone.
    /// </summary>
    public string? ExtraCaBundle { get; set; }

    /// <summary>
    /// For intranet deployments and tests: private addresses documents may be fetched from, each an address or a range
    /// (<c>10.1.2.3</c>, <c>10.20.0.0/16</c>). Every other private, loopback or link-local address stays refused.
    /// </summary>
    public List<string> AllowedPrivateAddresses { get; set; } = [];

    /// <summary>Whether documents at <paramref name="host"/> are resolved.</summary>
    public bool Trusts(string host) =>
        TrustedHosts.Count == 0 || TrustedHosts.Any(t => t.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(t[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, t, StringComparison.OrdinalIgnoreCase));

    /// <summary><see cref="AllowedPrivateAddresses"/> as networks (validated at start-up).</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks() => [.. AllowedPrivateAddresses.Select(a => TryNetwork(a)!.Value)];

    /// <summary>The certificates of <see cref="ExtraCaBundle"/>, or none.</summary>
    public X509Certificate2Collection ExtraRoots()
    {
        var roots = new X509Certificate2Collection();
        if (ExtraCaBundle is { Length: > 0 } file)
            roots.ImportFromPemFile(file);
        return roots;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CacheMinimum > CacheMaximum)
            yield return new($"{SectionName}:CacheMinimum ({CacheMinimum}) must not be longer than {SectionName}:CacheMaximum ({CacheMaximum}).");
        foreach (var address in AllowedPrivateAddresses.Where(a => TryNetwork(a) is null))
            yield return new($"{SectionName}:AllowedPrivateAddresses: '{address}' is neither an IP address nor a range such as 10.20.0.0/16.");
        foreach (var host in TrustedHosts.Where(h => h.Length == 0 || Uri.CheckHostName(h.StartsWith("*.", StringComparison.Ordinal) ? h[2..] : h) == UriHostNameType.Unknown))
            yield return new($"{SectionName}:TrustedHosts: '{host}' is not a host name (or *.domain).");
        if (ExtraCaBundle is { Length: > 0 } file)
        {
            string? problem;
            try
            {
                problem = ExtraRoots().Count == 0 ? "holds no PEM certificate" : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                problem = $"cannot be read ({e.Message})";
            }
            if (problem is not null)
                yield return new($"{SectionName}:ExtraCaBundle: {file} {problem}.");
        }
    }

    private static IPNetwork? TryNetwork(string value) =>
        IPNetwork.TryParse(value, out var network) ? network
        : IPAddress.TryParse(value, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;
}
