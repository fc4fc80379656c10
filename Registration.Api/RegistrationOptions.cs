using System.ComponentModel.DataAnnotations;
using ClientPlatform.Clients.Core.Registration;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Registration.Api;

/// <summary>Settings of the registration API (section "Registration"), validated at start-up.</summary>
public sealed class RegistrationOptions
{
    public const string SectionName = "Registration";

    /// <summary>
    /// "open": anyone may register; "token": <c>POST /register</c> needs an initial access token issued through the
    /// admin API (RFC 7591 §3), refused per RFC 6750 without one.
    /// </summary>
    [EnumDataType(typeof(RegistrationMode), ErrorMessage = "Registration:Mode must be 'open' or 'token'.")]
    public RegistrationMode Mode { get; set; } = RegistrationMode.Open;

    /// <summary>
    /// "optional": a <c>software_statement</c> is verified when present (RFC 7591 §3.1.1); "required": every
    /// registration must carry one; "ignored": the member is ignored like any unknown one.
    /// </summary>
    [EnumDataType(typeof(SoftwareStatementMode), ErrorMessage = "Registration:SoftwareStatements must be 'optional', 'required' or 'ignored'.")]
    public SoftwareStatementMode SoftwareStatements { get; set; } = SoftwareStatementMode.Optional;

    /// <summary>
    /// The public base URL of registration_client_uri and Location (e.g. https://auth.example.com): required outside
    /// Development, where a forged X-Forwarded-Host must not be able to point clients elsewhere. Unset in Development:
    /// taken from the request as the gateway forwarded it (X-Forwarded-Proto/Host).
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    [Range(SecretHasher.MinWorkFactor, SecretHasher.MaxWorkFactor)]
    public int BcryptWorkFactor { get; set; } = 10;

    /// <summary>How long a client secret is valid (client_secret_expires_at); zero = it does not expire.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan SecretLifetime { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// A registration access token expires after this long unused; each successful use renews it
    /// (design.md §7 C-2). Zero = it does not expire.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan RegistrationTokenIdleLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Whether an admin API key with <c>client:admin</c> may manage any client at /register/{id} (seed 000 §6). Unset:
    /// yes in Development, no elsewhere, so that a leaked admin key is not usable from the public listener of a
    /// deployment (design.md §3). Even when on, a request the gateway received on its public listener while it has a
    /// separate admin listener is refused. The bootstrap secret is never accepted here: this API does not hold it.
    /// </summary>
    public bool? AcceptAdminCredentials { get; set; }

    /// <summary>
    /// The registration profile every registration at the open endpoint must satisfy, and its clients are held to for
    /// life (issue 35): <c>fapi2-security</c>, or unset for none.
    /// </summary>
    [AllowedValues(null, RegistrationProfiles.Fapi2SecurityName, ErrorMessage = "Registration:Profile must be fapi2-security or unset.")]
    public string? Profile { get; set; }

    /// <summary>The realm of RFC 6750 challenges.</summary>
    [Required, RegularExpression("^[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+$")]
    public string Realm { get; set; } = "clientplatform";
}
