using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ClientPlatform.ApiDocuments.Tests;

/// <summary>Reads a served document with OpenAPI.NET (its default validation rules on) and checks JSON against its schemas.</summary>
internal static class Documents
{
    public const string RegistrationPath = "/register/openapi.json";
    public const string AdminPath = "/admin/openapi.json";

    public static async Task<ReadResult> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        // Kept beside the test output, for a reader (or a client generator) to look at.
        var saved = Path.Combine(AppContext.BaseDirectory, "openapi");
        Directory.CreateDirectory(saved);
        await File.WriteAllBytesAsync(Path.Combine(saved, path.Split('/')[1] + ".json"), bytes, TestContext.Current.CancellationToken);
        using var stream = new MemoryStream(bytes);
        return await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings(), TestContext.Current.CancellationToken);
    }

    public static async Task<OpenApiDocument> LoadAsync(HttpClient client, string path)
    {
        var read = await ReadAsync(client, path);
        Assert.Empty(read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        return read.Document!;
    }

    public static IOpenApiSchema Schema(OpenApiDocument document, string id) =>
        document.Components!.Schemas!.TryGetValue(id, out var schema) ? schema : throw new Xunit.Sdk.XunitException($"no component schema {id}");

    /// <summary>
    /// The problems of <paramref name="value"/> against <paramref name="schema"/>: a member the schema does not name,
    /// a required one missing, a wrong JSON type, a value outside an enum. Empty: the answer is what the document says.
    /// </summary>
    public static List<string> Check(JsonElement value, IOpenApiSchema schema, string at = "$")
    {
        var problems = new List<string>();
        if (schema.Type is { } type && !Matches(value, type))
        {
            problems.Add($"{at}: {value.ValueKind}, documented as {type}");
            return problems;
        }
        // OpenAPI.NET reads a null in an enum as its JsonNullSentinel.
        if (schema.Enum is { Count: > 0 } allowed && !allowed.Any(a => a is null || JsonNullSentinel.IsJsonNullSentinel(a)
                ? value.ValueKind == JsonValueKind.Null
                : a.ToJsonString() == value.GetRawText()))
            problems.Add($"{at}: {value.GetRawText()} is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}");
        if (value.ValueKind == JsonValueKind.Object && schema.Properties is { Count: > 0 } properties)
        {
            foreach (var member in value.EnumerateObject())
            {
                if (properties.TryGetValue(member.Name, out var memberSchema))
                    problems.AddRange(Check(member.Value, memberSchema, $"{at}.{member.Name}"));
                else if (!(schema.PatternProperties ?? new Dictionary<string, IOpenApiSchema>()).Keys.Any(p => Regex.IsMatch(member.Name, p)))
                    problems.Add($"{at}.{member.Name}: not in the document");
            }
            foreach (var required in schema.Required ?? new HashSet<string>())
                if (!value.TryGetProperty(required, out _))
                    problems.Add($"{at}.{required}: required, missing");
        }
        if (value.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
                problems.AddRange(Check(item, items, $"{at}[{i++}]"));
        }
        return problems;
    }

    private static bool Matches(JsonElement value, JsonSchemaType type) => value.ValueKind switch
    {
        JsonValueKind.Null => type.HasFlag(JsonSchemaType.Null),
        JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number) || type.HasFlag(JsonSchemaType.Integer) && value.TryGetInt64(out _),
        JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
        JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
        _ => false,
    };
}
