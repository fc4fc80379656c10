using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>Settings of client secret rotation (section "SecretRotation"), shared by both APIs, validated at start-up.</summary>
public sealed class SecretRotationOptions
{
    public const string SectionName = "SecretRotation";

    /// <summary>
    /// How long the secret a rotation replaces keeps working (Ory Hydra's and Keycloak's "rotated secret"): zero,
    /// the default, ends it at once; e.g. 1.00:00:00 gives a client's deployments a day to change over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "SecretRotation:GracePeriod must be from 0 to 30 days.")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How many live secrets a client may hold at once (issue 34): rotations within the grace period, and secrets an
    /// administrator adds, up to this; then the next is refused until one expires or is retired, since retiring one
    /// early would break the expiry an answer announced for it. Okta allows 2, Hydra keeps 5 old ones.
    /// </summary>
    [Range(1, 10, ErrorMessage = "SecretRotation:MaxSecrets must be from 1 to 10.")]
    public int MaxSecrets { get; set; } = 3;
}
