using System.Text.Json;

namespace ClientPlatform.Clients.Infrastructure.OpenApi;

/// <summary>
/// The wire's member names: a .NET property (PascalCase) is written snake_case, as OAuth and seed 004 name members;
/// a name that already is a wire name (a problem's <c>traceId</c> extension, a dictionary key) is left as it is.
/// </summary>
public sealed class WireNames : JsonNamingPolicy
{
    public static readonly WireNames Instance = new();

    private WireNames()
    {
    }

    public override string ConvertName(string name) =>
        name.Length > 0 && char.IsUpper(name[0]) ? SnakeCaseLower.ConvertName(name) : name;
}
