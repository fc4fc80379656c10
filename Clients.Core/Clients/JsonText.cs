using System.Text.Json;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// JSON may escape text that is not Unicode (a lone surrogate, "\ud800"); System.Text.Json then refuses to
/// read it as a string. Checked once, before anything reads the body, so such input is a 400, never a 500.
/// </summary>
public static class JsonText
{
    public static bool IsValidUnicode(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(Walk);
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    if (!Walk(member.Value))
                        return false;
                }
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// The first string or member name <see cref="StorableText"/> refuses, as "{path}: {why}" (path like
    /// <c>client_ids[2]</c>), or null: for bodies whose members are not all read by the metadata rules.
    /// </summary>
    public static string? StorableProblem(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.TryGetString(out var text) is false ? $"{Named(path)}: {StorableText.InvalidUnicode}"
                    : StorableText.Problem(text!) is { } problem ? $"{Named(path)}: {problem}" : null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (StorableProblem(item, $"{path}[{i++}]") is { } inItem)
                        return inItem;
                return null;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var name = member.Name;
                    if (StorableText.Problem(name) is { } badName)
                        return $"member name '{StorableText.Printable(name)}'{(path.Length > 0 ? $" in {path}" : "")}: {badName}";
                    if (StorableProblem(member.Value, path.Length > 0 ? $"{path}.{name}" : name) is { } inMember)
                        return inMember;
                }
                return null;
            default:
                return null;
        }
    }

    private static string Named(string path) => path.Length > 0 ? path : "the request body";

    private static bool TryGetString(this JsonElement element, out string? text)
    {
        try
        {
            text = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }
}
