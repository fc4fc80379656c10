using System.Text.Json;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// JSON may escape text that is not Unicode (a lone surrogate, "\ud800"); System.Text.Json then refuses to
/// read it as a string. Checked once, before anything reads the body, so such input is a 400, never a 500.
/// </summary>
public static class JsonText
{
    public static bool IsValidUnicode(JsonElement element) => FirstProblem(element, "", _ => null) is null;

    /// <summary>
    /// The first string or member name <see cref="StorableText"/> refuses, as "{path}: {why}" (path like
    /// <c>client_ids[2]</c>), or null: for bodies whose members are not all read by the metadata rules.
    /// </summary>
    public static string? StorableProblem(JsonElement element) => FirstProblem(element, "", StorableText.Problem);

    private static string? FirstProblem(JsonElement element, string path, Func<string, string?> rule)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Text(() => element.GetString()!) is not { } text ? $"{Named(path)}: {StorableText.InvalidUnicode}"
                    : rule(text) is { } problem ? $"{Named(path)}: {problem}" : null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (FirstProblem(item, $"{path}[{i++}]", rule) is { } inItem)
                        return inItem;
                return null;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var where = path.Length > 0 ? $" in {path}" : "";
                    if (Text(() => member.Name) is not { } name)
                        return $"a member name{where}: {StorableText.InvalidUnicode}";
                    if (rule(name) is { } badName)
                        return $"member name '{StorableText.Printable(name)}'{where}: {badName}";
                    if (FirstProblem(member.Value, path.Length > 0 ? $"{path}.{name}" : name, rule) is { } inMember)
                        return inMember;
                }
                return null;
            default:
                return null;
        }
    }

    private static string Named(string path) => path.Length > 0 ? path : "the request body";

    // System.Text.Json refuses to read escaped text that is not Unicode (a lone surrogate, "\ud800") as a string.
    private static string? Text(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
