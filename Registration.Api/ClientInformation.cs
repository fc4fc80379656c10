using Microsoft.Extensions.Options;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the registered metadata plus the
/// registration members. The secret appears only when it was just issued; the token is the one just
/// issued or the one presented (it is stored only as a hash), and is absent when an administrator with
/// <c>client:admin</c> made the call: the client's token is not theirs to see. Never an entity on the wire.
/// </summary>
internal sealed class ClientInformation(IOptions<RegistrationOptions> options)
{
    public ClientInformationResponse Build(Client client, HttpRequest request, string? registrationAccessToken, string? newSecret) =>
        new(ClientMetadataDocument.From(client.ToMetadata()))
        {
            ClientId = client.ClientId,
            ClientSecret = newSecret,
            ClientIdIssuedAt = client.CreatedAt.ToUnixTimeSeconds(),
            // RFC 7591 §3.2.1: the current secret's; a secret replaced in a rotation says its own end in that answer.
            ClientSecretExpiresAt = client.CurrentSecret() is { } current ? current.ExpiresAt?.ToUnixTimeSeconds() ?? 0 : null,
            RegistrationAccessToken = registrationAccessToken,
            RegistrationClientUri = ConfigurationUri(request, client.ClientId),
            // RFC 7591 §3.2.1: a software statement is returned as it was received.
            SoftwareStatement = client.SoftwareStatement,
        };

    /// <summary>The public base URL from settings, else the scheme and host the gateway forwarded (DCR-73).</summary>
    public string ConfigurationUri(HttpRequest request, string clientId)
    {
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{baseUrl}/register/{Uri.EscapeDataString(clientId)}";
    }
}
