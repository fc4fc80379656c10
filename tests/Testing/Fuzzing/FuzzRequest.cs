using System.Text;

namespace ClientPlatform.Testing.Fuzzing;

/// <summary>One generated request: what is sent, byte for byte, and how it prints when it fails (so it can be read).</summary>
public sealed record FuzzRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType)
{
    public bool Creates => Method == "POST" && FuzzRoutes.Creating.Any(p => Target.Split('?')[0] == p);

    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Target}");
        foreach (var (name, value) in Headers)
            text.Append($"\n{name}: {Escape(value)}");
        if (ContentType is not null)
            text.Append($"\nContent-Type: {ContentType}");
        if (Body is not null)
            text.Append($"\n\n{Escape(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 600)))}{(Body.Length > 600 ? $"… ({Body.Length} bytes)" : "")}");
        return text.ToString();
    }

    private static string Escape(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString()));
}
