using System.ComponentModel.DataAnnotations;

namespace ClientPlatform.Admin.Api;

/// <summary>Settings of the admin API, validated at start-up.</summary>
public sealed class AdminOptions
{
    /// <summary>The bootstrap credential (environment variable ADMIN_API_SECRET): it holds every scope.</summary>
    [Required(ErrorMessage = "ADMIN_API_SECRET is required: set it to a random value of at least 32 characters (the AppHost sets one for you).")]
    [MinLength(32, ErrorMessage = "ADMIN_API_SECRET must be at least 32 characters long.")]
    [ConfigurationKeyName(AdminCredentials.BootstrapSecretSetting)]
    public string AdminApiSecret { get; set; } = "";

    [Range(4, 15)]
    public int BcryptWorkFactor { get; set; } = 10;

    /// <summary>
    /// Every change to a client must say which version it changes (If-Match with the client's ETag), else 428 (RFC 6585):
    /// for teams where several administrators or tools edit clients. Off by default: If-Match is then honoured when sent.
    /// </summary>
    public bool RequireIfMatch { get; set; }

    public const string SectionName = "Admin";
}
