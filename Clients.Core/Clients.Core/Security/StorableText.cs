namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// The one rule for text that reaches PostgreSQL or the audit log, from a body, a URL or a header: no control
/// characters (PostgreSQL refuses NUL in text, and none has a place in a name, an identifier or a header) and
/// valid Unicode (a lone UTF-16 surrogate cannot be encoded as UTF-8). In a URL, percent-encoded bytes must
/// also be UTF-8 (<see cref="ServiceDefaults.PercentEncoding"/>).
/// </summary>
public static class StorableText
{
    public const string ControlCharacters = "must not contain control characters";
    public const string InvalidUnicode = "must be valid Unicode text";

    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
                return ControlCharacters;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return InvalidUnicode;
        }
        return null;
    }

    /// <summary>A name from the request, fit to quote in an error: control characters shown as U+XXXX, at most 64 characters.</summary>
    public static string Printable(string name)
    {
        var shown = string.Concat(name.Take(64).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString()));
        return name.Length > 64 ? shown + "…" : shown;
    }
}
