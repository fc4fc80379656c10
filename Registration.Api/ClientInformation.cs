using Microsoft.Extensions.Options;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the registered metadata plus the
/// registration members. The secret appears only when it was just issued; the token is the one just
/// issued or the one presented (it is stored only as a hash), and is absent when an administrator with
/// <c>client:admin</c> made the call: the client's token is not theirs to see. Never an entity on the wire.
/// </summary>
internal sealed class ClientInformation(IOptions<RegistrationOptions> options, ClientLifecycle lifecycle)
{
    /// <param name="act">Who made the call, and so what the client's lifecycle rule says about its expiry.</param>
    /// <param name="now">When the call was made.</param>
    public ClientInformationResponse Build(Client client, HttpRequest request, string? registrationAccessToken, string? newSecret,
        ClientAct act, DateTimeOffset now) =>
        new(ClientMetadataDocument.From(client.ToMetadata()))
        {
            ClientId = client.ClientId,
            ClientSecret = newSecret,
            ClientIdIssuedAt = client.CreatedAt.ToUnixTimeSeconds(),
            // RFC 7591 §3.2.1: the current secret's; a secret replaced in a rotation says its own end in that answer.
            ClientSecretExpiresAt = client.CurrentSecret() is { } current ? SecretExpiry(client, current, act, now)?.ToUnixTimeSeconds() ?? 0 : null,
            RegistrationAccessToken = registrationAccessToken,
            RegistrationClientUri = ConfigurationUri(request, client.ClientId),
            // RFC 7591 §3.2.1: a software statement is returned as it was received.
            SoftwareStatement = client.SoftwareStatement,
        };

    /// <summary>
    /// When the secret stops working, as far as the client can know now (RFC 7591 §3.2.1): its own expiry, or sooner the
    /// moment its lifecycle rule (issue 34) would expire the client if it is not used again. A new registration has not been
    /// used; a call by the client itself is a use. An administrator's call is neither, so it says only the secret's own.
    /// </summary>
    private DateTimeOffset? SecretExpiry(Client client, ClientSecret secret, ClientAct act, DateTimeOffset now)
    {
        var expiresByRule = act switch
        {
            ClientAct.Registered => lifecycle.ExpiresIfUnused(client),
            ClientAct.ByClient => lifecycle.ExpiresIfIdleAfter(client, now),
            _ => null,
        };
        return new[] { secret.ExpiresAt, expiresByRule }.Where(t => t is not null).Min();
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

/// <summary>Who made the call an answer is built for.</summary>
internal enum ClientAct
{
    /// <summary>The client was just registered.</summary>
    Registered,

    /// <summary>The client itself, with its registration access token: a use.</summary>
    ByClient,

    /// <summary>An administrator with client:admin.</summary>
    ByAdministrator,
}
