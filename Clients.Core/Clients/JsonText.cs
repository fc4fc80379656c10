using System.Text.Json;

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
}
