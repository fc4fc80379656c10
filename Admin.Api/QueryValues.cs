using System.Globalization;

namespace ClientPlatform.Admin.Api;

/// <summary>Query-string values the admin API reads the same way: text, true/false, and times (the seed's two forms).</summary>
internal static class QueryValues
{
    /// <summary>The parameter's value, or null when it is absent or empty.</summary>
    public static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>ISO 8601 (2026-11-23T10:00:00Z) or Unix milliseconds, as the seed's timestamps are; null when absent.</summary>
    public static (DateTimeOffset? Time, string? Problem) Time(IQueryCollection query, string name)
    {
        if (Text(query, name) is not { } raw)
            return (null, null);
        if (long.TryParse(raw, out var ms))
            return (DateTimeOffset.FromUnixTimeMilliseconds(ms), null);
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time.ToUniversalTime(), null)
            : (null, $"{name}: must be an ISO 8601 time or Unix milliseconds, not '{raw}'");
    }

    /// <summary>true or false; null when absent; anything else refused naming the parameter.</summary>
    public static (bool? Value, string? Problem) Flag(IQueryCollection query, string name) =>
        !query.ContainsKey(name) ? (null, null)
        : Text(query, name) switch
        {
            "true" => (true, null),
            "false" => (false, null),
            _ => (null, $"{name}: must be true or false, not '{query[name]}'"),
        };
}
