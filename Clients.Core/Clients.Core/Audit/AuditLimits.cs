namespace ClientPlatform.Clients.Core.Audit;

/// <summary>Sizes of audit data, declared once; longer values are cut, never refused (an audit write must not fail).</summary>
public static class AuditLimits
{
    public const int ShortValueMaxLength = 100;
    public const int IdMaxLength = 200;
    public const int ResourceKeyMaxLength = 320;
    public const int IpAddressMaxLength = 64;
    public const int UserAgentMaxLength = 512;
    public const int TraceIdMaxLength = 64;

    /// <summary>The value cut to <paramref name="max"/> characters; null or empty stays null.</summary>
    public static string? Cut(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
