using System.Text.Json;
using ClientPlatform.Clients.Core.OAuth;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core;

/// <summary>
/// Reads typed members of a JSON object for the validator, stopping at the first problem so the error is
/// deterministic. A member that is null counts as omitted (RFC 7592 §2.2 lets a server treat them alike).
/// </summary>
internal sealed class MetadataReader(JsonElement body)
{
    public MetadataError? Error { get; private set; }

    public bool Failed => Error is not null;

    public bool Has(string name) => body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public IEnumerable<JsonProperty> Members => body.EnumerateObject();

    public string? String(string name, int maxLength, string error = OAuthErrors.InvalidClientMetadata)
    {
        if (Failed || !TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            return Fail(error, $"{name}: must be a string");
        var text = value.GetString()!;
        if (text.Length > maxLength)
            return Fail(error, $"{name}: must be at most {maxLength} characters");
        if (StorableText.Problem(text) is { } problem)
            return Fail(error, $"{name}: {problem}");
        return text;
    }

    public List<string>? Strings(string name, int maxItems, int maxLength, string error = OAuthErrors.InvalidClientMetadata)
    {
        if (Failed || !TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            return Fail<List<string>>(error, $"{name}: must be an array of strings");
        if (value.GetArrayLength() > maxItems)
            return Fail<List<string>>(error, $"{name}: must have at most {maxItems} entries");
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                return Fail<List<string>>(error, $"{name}[{items.Count}]: must be a string");
            var text = item.GetString()!;
            if (text.Length > maxLength)
                return Fail<List<string>>(error, $"{name}[{items.Count}]: must be at most {maxLength} characters");
            if (StorableText.Problem(text) is { } problem)
                return Fail<List<string>>(error, $"{name}[{items.Count}]: {problem}");
            items.Add(text);
        }
        return items;
    }

    public bool? Bool(string name)
    {
        if (Failed || !TryGet(name, out var value))
            return null;
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : Fail<bool?>(OAuthErrors.InvalidClientMetadata, $"{name}: must be true or false");
    }

    public int? Int(string name, int min, int max)
    {
        if (Failed || !TryGet(name, out var value))
            return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : Fail<int?>(OAuthErrors.InvalidClientMetadata, $"{name}: must be a whole number from {min} to {max}");
    }

    public JsonElement? Element(string name) => !Failed && TryGet(name, out var value) ? value : null;

    public T? Fail<T>(string error, string description)
    {
        Error ??= new MetadataError(error, description);
        return default;
    }

    private string? Fail(string error, string description) => Fail<string>(error, description);

    private bool TryGet(string name, out JsonElement value) =>
        body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
