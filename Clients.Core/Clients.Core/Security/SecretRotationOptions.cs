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
}
