using System.Text;

namespace ClientPlatform.Clients.Core.OAuth;

/// <summary>The <c>WWW-Authenticate: Bearer</c> challenge of RFC 6750 §3, for both APIs.</summary>
public static class BearerChallenge
{
    /// <summary>The challenge, with error parameters only when a token was sent (§3.1).</summary>
    /// <param name="scope">For insufficient_scope: the scope the request needs (§3.1).</param>
    public static string Header(string realm, string? error, string? description, string? scope = null)
    {
        var header = new StringBuilder($"Bearer realm=\"{AllowedText(realm)}\"");
        if (error is not null)
            header.Append($", error=\"{AllowedText(error)}\"");
        if (error is not null && description is not null)
            header.Append($", error_description=\"{AllowedText(description)}\"");
        if (scope is not null)
            header.Append($", scope=\"{AllowedText(scope)}\"");
        return header.ToString();
    }

    /// <summary>
    /// RFC 6749 §5.2 and RFC 6750 §3: error and error_description use %x20-21 / %x23-5B / %x5D-7E only; any other
    /// character becomes an apostrophe (in a header it would throw: a '§' did, in the admin API's challenge, found by fuzzing).
    /// </summary>
    public static string AllowedText(string value) => new(value.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'').ToArray());
}
