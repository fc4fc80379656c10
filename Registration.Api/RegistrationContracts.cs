using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Names = ClientPlatform.Clients.Core.OAuth.ClientMetadataNames;

namespace ClientPlatform.Registration.Api;

/// <summary>
/// The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the registered metadata plus the registration
/// members, each absent when it has no value (this API writes no null). Never an entity on the wire.
/// </summary>
[Description("The client information response (RFC 7591 §3.2.1, RFC 7592 §3).")]
[RequiredMembers(Names.ClientId, Names.ClientIdIssuedAt, Names.RegistrationClientUri)]
[WireExample("""
    {"client_id": "s6BhdRkqt3", "client_secret": "cf136dc3c1fc93f31185e5885805d", "client_id_issued_at": 2893256800,
     "client_secret_expires_at": 0, "registration_access_token": "this.is.an.access.token.value.ffx83",
     "registration_client_uri": "https://clients.example.com/register/s6BhdRkqt3",
     "redirect_uris": ["https://app.example.com/callback"], "client_name": "Example App",
     "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
     "token_endpoint_auth_method": "client_secret_basic", "scope": "openid profile"}
    """)]
internal sealed record ClientInformationResponse : ClientMetadataDocument
{
    public ClientInformationResponse()
    {
    }

    public ClientInformationResponse(ClientMetadataDocument metadata) : base(metadata)
    {
    }

    [JsonPropertyName(Names.ClientId), JsonPropertyOrder(-6), MaxLength(ClientLimits.ClientIdMaxLength)]
    [Description("The client identifier (RFC 7591 §3.2.1).")]
    public string ClientId { get; init; } = "";

    [JsonPropertyName(Names.ClientSecret), JsonPropertyOrder(-5)]
    [Description("The client secret: only in the answer that issued it; store it then, it is kept only as a BCrypt hash.")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName(Names.ClientIdIssuedAt), JsonPropertyOrder(-4)]
    [Description("When the client id was issued (Unix time, seconds).")]
    public long ClientIdIssuedAt { get; init; }

    [JsonPropertyName(Names.ClientSecretExpiresAt), JsonPropertyOrder(-3), Range(0, long.MaxValue)]
    [Description("When the secret expires (Unix time, seconds); 0: it does not (RFC 7591 §3.2.1). Absent: the client has no secret.")]
    public long? ClientSecretExpiresAt { get; init; }

    [JsonPropertyName(Names.RegistrationAccessToken), JsonPropertyOrder(-2)]
    [Description("The token for RFC 7592 reads, updates and deletes; each update issues a new one. Absent when an administrator asked.")]
    public string? RegistrationAccessToken { get; init; }

    [JsonPropertyName(Names.RegistrationClientUri), JsonPropertyOrder(-1), Url]
    [Description("Where this registration is read, updated and deleted (RFC 7592 §3).")]
    public string RegistrationClientUri { get; init; } = "";

    /// <summary>RFC 7591 §3.2.1: a software statement is returned as it was received.</summary>
    [JsonPropertyName(Names.SoftwareStatement), JsonPropertyOrder(1)]
    [Description("The software statement the registration was made with, as it was received (RFC 7591 §3.2.1).")]
    public string? SoftwareStatement { get; init; }

    /// <summary>Not an RFC 7591 member: after a rotation, when the secret it replaced stops working (seconds, as client_secret_expires_at).</summary>
    [JsonPropertyName(ClientPlatform.Clients.Core.Security.SecretRotationAudit.PreviousSecretExpiresAt), JsonPropertyOrder(2)]
    [Description("Only in the answer to a rotation: when the previous secret stops working (Unix time, seconds).")]
    public long? PreviousClientSecretExpiresAt { get; init; }
}

/// <summary>What PUT /register/{id} accepts (RFC 7592 §2.2; read as raw JSON, described by this type).</summary>
[Description("The whole registration again (RFC 7592 §2.2): members left out return to their defaults.")]
[RequiredMembers(Names.ClientId)]
internal sealed record ClientUpdateRequest : ClientMetadataRequest
{
    [JsonPropertyName(Names.ClientId), JsonPropertyOrder(-2), MaxLength(ClientLimits.ClientIdMaxLength)]
    [Description("This client's id (RFC 7592 §2.2: required, must match).")]
    public string ClientId { get; init; } = "";

    [JsonPropertyName(Names.ClientSecret), JsonPropertyOrder(-1)]
    [Description("Only the current secret may be sent (RFC 7592 §2.2); it cannot be changed here.")]
    public string? ClientSecret { get; init; }
}

/// <summary>Every error /register answers (RFC 7591 §3.2.2, RFC 6750 §3.1).</summary>
[Description("An error (RFC 7591 §3.2.2, RFC 6750 §3.1).")]
[RequiredMembers("error")]
[WireExample("""{"error": "invalid_redirect_uri", "error_description": "redirect_uris[0]: must not contain a fragment"}""")]
internal sealed record OAuthError(
    [property: Description("The error code."), AllowedValues(OAuthErrors.InvalidRedirectUri, OAuthErrors.InvalidClientMetadata,
        OAuthErrors.InvalidSoftwareStatement, OAuthErrors.UnapprovedSoftwareStatement, OAuthErrors.InvalidRequest, OAuthErrors.InvalidToken,
        OAuthErrors.InsufficientScope, OAuthErrors.AccessDenied, OAuthErrors.RateLimited, OAuthErrors.TemporarilyUnavailable,
        OAuthResults.NotFound, OAuthResults.ServerError)]
    [property: JsonPropertyName("error")] string Error,
    [property: Description("What was wrong, naming the member (printable ASCII, RFC 6749 §5.2)."), JsonPropertyName("error_description")]
    string ErrorDescription);

/// <summary>The registration API's wire types, serialized by generated code (<see cref="WireJson"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientInformationResponse))]
[JsonSerializable(typeof(ClientMetadataRequest))]
[JsonSerializable(typeof(ClientUpdateRequest))]
[JsonSerializable(typeof(OAuthError))]
internal sealed partial class RegistrationJson : JsonSerializerContext;
