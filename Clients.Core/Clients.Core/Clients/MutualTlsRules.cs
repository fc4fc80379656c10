using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ClientPlatform.Clients.Core.OAuth;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// RFC 8705's rules on a client that authenticates with mutual TLS: the shape of each certificate subject member
/// (§2.1.2), exactly one of them for <c>tls_client_auth</c> and none for any other method, and a JWK Set of certificates
/// for <c>self_signed_tls_client_auth</c> (§2.2.2).
/// </summary>
internal static class MutualTlsRules
{
    /// <summary>Why <paramref name="value"/> is no value for the subject member <paramref name="name"/>, or null.</summary>
    public static string? CheckSubject(string name, string value) => name switch
    {
        Names.TlsClientAuthSubjectDn => IsDistinguishedName(value) ? null : "must be a distinguished name (RFC 4514), e.g. CN=client.example.com,O=Example",
        Names.TlsClientAuthSanDns => Uri.CheckHostName(value) == UriHostNameType.Dns ? null : "must be a DNS name (dNSName)",
        Names.TlsClientAuthSanUri => Uri.TryCreate(value, UriKind.Absolute, out _) ? null : "must be an absolute URI (uniformResourceIdentifier)",
        Names.TlsClientAuthSanIp => IsIpAddress(value) ? null : "must be an IPv4 address in dotted decimal or an IPv6 address (iPAddress)",
        Names.TlsClientAuthSanEmail => MailAddress.TryCreate(value, out var mail) && mail.Address == value ? null : "must be an e-mail address (rfc822Name)",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a tls_client_auth subject member"),
    };

    /// <summary>The whole metadata's mutual TLS rules, or null when they hold.</summary>
    public static string? Check(ClientMetadata m)
    {
        var subjects = Subjects(m).Where(s => s.Value is not null).Select(s => s.Name).ToList();
        if (m.TokenEndpointAuthMethod == AuthMethods.TlsClientAuth)
        {
            if (subjects.Count == 0)
                return $"{Names.TokenEndpointAuthMethod}: tls_client_auth needs exactly one of {string.Join(", ", Names.TlsClientAuthSubjects)} (RFC 8705 §2.1.2)";
            if (subjects.Count > 1)
                return $"{string.Join(", ", subjects)}: a tls_client_auth client names its certificate's subject by exactly one of them (RFC 8705 §2.1.2)";
        }
        else if (subjects.Count > 0)
            return $"{subjects[0]}: only for token_endpoint_auth_method tls_client_auth (RFC 8705 §2.1.2)";
        if (m.TokenEndpointAuthMethod == AuthMethods.SelfSignedTlsClientAuth)
        {
            if (m.Jwks is null && m.JwksUri is null)
                return $"{Names.TokenEndpointAuthMethod}: self_signed_tls_client_auth needs {Names.Jwks} or {Names.JwksUri} holding the client's certificates (RFC 8705 §2.2.2)";
            if (m.Jwks is not null && !EveryKeyHasCertificate(m.Jwks))
                return $"{Names.Jwks}: every key must carry its certificate in x5c for self_signed_tls_client_auth (RFC 8705 §2.2.2)";
        }
        return null;
    }

    private static IEnumerable<(string Name, string? Value)> Subjects(ClientMetadata m) =>
    [
        (Names.TlsClientAuthSubjectDn, m.TlsClientAuthSubjectDn), (Names.TlsClientAuthSanDns, m.TlsClientAuthSanDns),
        (Names.TlsClientAuthSanUri, m.TlsClientAuthSanUri), (Names.TlsClientAuthSanIp, m.TlsClientAuthSanIp),
        (Names.TlsClientAuthSanEmail, m.TlsClientAuthSanEmail),
    ];

    private static bool IsDistinguishedName(string value)
    {
        try
        {
            return new X500DistinguishedName(value).Name.Length > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // IPAddress.TryParse also reads "1" or "0x7f.1" as IPv4; RFC 8705 §2.1.2 wants dotted decimal (or IPv6 text).
    private static bool IsIpAddress(string value) =>
        IPAddress.TryParse(value, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? value.Contains(':') : address.ToString() == value);

    private static bool EveryKeyHasCertificate(string jwks)
    {
        using var set = JsonDocument.Parse(jwks);
        return set.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array && keys.GetArrayLength() > 0
            && keys.EnumerateArray().All(k => k.TryGetProperty("x5c", out var chain) && chain.ValueKind == JsonValueKind.Array && chain.GetArrayLength() > 0);
    }
}
