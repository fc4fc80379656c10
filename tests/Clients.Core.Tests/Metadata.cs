using System.Text.Json;

namespace ClientPlatform.Clients.Core.Tests;

internal static class Metadata
{
    public const string Minimal = """{"redirect_uris":["https://client.example.org/cb"]}""";

    public static MetadataResult Register(string json) => ClientMetadataValidator.Validate(Parse(json), MetadataSource.Registration);

    /// <summary>As a deployment with ClientMetadata:RedirectUris = strict registers it.</summary>
    public static MetadataResult RegisterStrict(string json) =>
        ClientMetadataValidator.Validate(Parse(json), MetadataSource.Registration, RedirectUriPolicy.Strict);

    public static MetadataResult Admin(string json) => ClientMetadataValidator.Validate(Parse(json), MetadataSource.Admin);

    /// <summary><see cref="Minimal"/> with more members: <c>With("\"scope\":\"a b\"")</c>.</summary>
    public static string With(string members) => Minimal.TrimEnd('}') + "," + members + "}";

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static ClientMetadata Valid(MetadataResult result)
    {
        Assert.Null(result.Error);
        return result.Metadata!;
    }

    public static MetadataError Invalid(MetadataResult result, string error)
    {
        Assert.Null(result.Metadata);
        Assert.NotNull(result.Error);
        Assert.Equal(error, result.Error.Error);
        return result.Error;
    }
}
