using System.Text;
using ClientPlatform.Clients.Core.Security;

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

    // Encoding.UTF8 replaces what is not Unicode (a lone surrogate) with U+FFFD; Npgsql's own encoder throws on it.
    private static readonly Encoding Replacing = Encoding.UTF8;

    /// <summary>
    /// The value cut to <paramref name="max"/> characters, and storable: null or empty stays null; a cut never splits a
    /// surrogate pair; a lone surrogate or a NUL (PostgreSQL's text has no place for either) becomes U+FFFD. Measured:
    /// an id of 199 letters and an emoji, cut in the middle of its pair, made the worker's write throw, and the worker
    /// stop on a message the broker then delivered again.
    /// </summary>
    public static string? Cut(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var cut = value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
        return StorableText.Problem(cut) is null ? cut : Replacing.GetString(Replacing.GetBytes(cut)).Replace('\0', '\uFFFD');
    }
}
