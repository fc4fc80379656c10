using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the registered metadata plus the
/// registration members. The secret appears only when it was just issued; the token is the one just
/// issued or the one presented (it is stored only as a hash), and is absent when an administrator with
/// <c>client:admin</c> made the call: the client's token is not theirs to see. Never an entity on the wire.
/// </summary>
internal sealed class ClientInformation(IOptions<RegistrationOptions> options)
{
    public JsonObject Build(Client client, HttpRequest request, string? registrationAccessToken, string? newSecret)
    {
        // The metadata object is built fresh for this call: the registration members go in front of it, in place,
        // rather than every member being copied into a second object.
        var json = ClientMetadataJson.ToJson(client.ToMetadata(), includeAdminFlags: false);
        var at = 0;
        json.Insert(at++, Names.ClientId, client.ClientId);
        if (newSecret is not null)
            json.Insert(at++, Names.ClientSecret, newSecret);
        json.Insert(at++, Names.ClientIdIssuedAt, client.CreatedAt.ToUnixTimeSeconds());
        if (client.SecretHash is not null)
            json.Insert(at++, Names.ClientSecretExpiresAt, client.SecretExpiresAt?.ToUnixTimeSeconds() ?? 0);
        if (registrationAccessToken is not null)
            json.Insert(at++, Names.RegistrationAccessToken, registrationAccessToken);
        json.Insert(at, Names.RegistrationClientUri, ConfigurationUri(request, client.ClientId));
        // RFC 7591 §3.2.1: a software statement is returned as it was received.
        if (client.SoftwareStatement is not null)
            json[Names.SoftwareStatement] = client.SoftwareStatement;
        return json;
    }

    /// <summary>The public base URL from settings, else the scheme and host the gateway forwarded (DCR-73).</summary>
    public string ConfigurationUri(HttpRequest request, string clientId)
    {
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{baseUrl}/register/{Uri.EscapeDataString(clientId)}";
    }
}
