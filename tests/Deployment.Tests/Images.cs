namespace ClientPlatform.Deployment.Tests;

/// <summary>The five images of ClientPlatform, as the manifests name them before and after an overlay's `images:`.</summary>
internal static class Images
{
    public static readonly string[] Names = ["gateway", "registration-api", "admin-api", "audit-worker", "migrator"];

    public static bool IsOurs(string image) => image.StartsWith("clientplatform/", StringComparison.Ordinal) || image.Contains("/clientplatform/", StringComparison.Ordinal);

    /// <summary>"registry.example.com/clientplatform/admin-api:0.1.0" → "admin-api".</summary>
    public static string NameOf(string image) => image.Split('/')[^1].Split(':')[0];
}
