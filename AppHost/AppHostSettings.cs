using Microsoft.Extensions.Configuration;

namespace ClientPlatform.AppHost;

/// <summary>
/// The AppHost's own settings, section <c>AppHost</c> (environment <c>AppHost__GatewayPort</c>, or the short
/// command-line forms below), read and checked once, before anything starts.
/// </summary>
public sealed record AppHostSettings(
    int GatewayPort,
    int? GatewayAdminPort,
    int DashboardPort,
    int RegistrationReplicas,
    int AdminReplicas,
    string StateDirectory,
    bool Fresh,
    ServerMode Servers,
    bool Http2ToReplicas,
    IReadOnlyList<KeyValuePair<string, string>> ServiceEnvironment)
{
    public const string Section = "AppHost";

    /// <summary>The section whose settings the AppHost hands to the APIs and the gateway.</summary>
    public const string ServiceEnvironmentSection = "ServiceEnvironment";

    public const int DefaultGatewayPort = 8080;

    /// <summary>The name of the gateway's admin endpoint, when it has one (<see cref="GatewayAdminPort"/>).</summary>
    public const string GatewayAdminEndpoint = "admin";
    public const int DefaultDashboardPort = 18888;

    /// <summary>Aspire's default OTLP/gRPC port sits next to the dashboard's: 18888 → 18889.</summary>
    public int OtlpPort => DashboardPort + 1;

    /// <summary>The AppHost setting that hands <paramref name="key"/> (e.g. <c>RateLimits:Enabled</c>) to the services.</summary>
    public static string ServiceSetting(string key) => $"{Section}:{ServiceEnvironmentSection}:{key}";

    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--gateway-port"] = $"{Section}:GatewayPort",
        ["--gateway-admin-port"] = $"{Section}:GatewayAdminPort",
        ["--dashboard-port"] = $"{Section}:DashboardPort",
        ["--state-dir"] = $"{Section}:StateDirectory",
        ["--fresh"] = $"{Section}:Fresh",
        ["--registration-replicas"] = $"{Section}:Replicas:RegistrationApi",
        ["--admin-replicas"] = $"{Section}:Replicas:AdminApi",
        ["--servers"] = $"{Section}:Servers",
    };

    /// <summary>
    /// The command line as Aspire's configuration reads it: our short options become their setting
    /// (<c>--gateway-port 9090</c> → <c>--AppHost:GatewayPort=9090</c>); anything else is refused with the list.
    /// Aspire's own <c>--Key=value</c> and <c>--Key value</c> forms (a colon in the key) pass unchanged.
    /// </summary>
    public static string[] TranslateArguments(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (!Switches.TryGetValue(name, out var key))
            {
                if (name.StartsWith("--", StringComparison.Ordinal) && !name.Contains(':') && !name.StartsWith("--ASPIRE", StringComparison.OrdinalIgnoreCase)
                    && !name.StartsWith("--DOTNET", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("--ASPNETCORE", StringComparison.OrdinalIgnoreCase))
                    throw new AppHostException($"Unknown option {name}: the options are {string.Join(", ", Switches.Keys)}.");
                result.Add(args[i]);
                continue;
            }
            var value = name == "--fresh" ? inline ?? "true"
                : inline ?? (i + 1 < args.Length ? args[++i] : throw new AppHostException($"{name} needs a value."));
            result.Add($"--{key}={value}");
        }
        return [.. result];
    }

    public static AppHostSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var settings = ReadAll(configuration, appHostDirectory);
        if (settings.GatewayAdminPort is > 0 and var adminPort && adminPort == settings.GatewayPort)
            throw new AppHostException($"{Section}:GatewayAdminPort must differ from {Section}:GatewayPort ({adminPort}): admin traffic gets a listener of its own.");
        return settings;
    }

    private static AppHostSettings ReadAll(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(Section);
        var replicas = section.GetSection("Replicas");
        var environment = section.GetSection(ServiceEnvironmentSection).AsEnumerable(makePathsRelative: true)
            .Where(e => e.Value is not null)
            .Select(e => KeyValuePair.Create(e.Key.Replace(":", "__"), e.Value!))
            .ToList();
        return new AppHostSettings(
            GatewayPort: ReadInt(section, "GatewayPort", DefaultGatewayPort, min: 0),
            // Unset: admin traffic shares the gateway's port (the development convenience); a port (0: a free one) gives
            // it a listener of its own on loopback, as a deployment keeps it off the public network.
            GatewayAdminPort: string.IsNullOrEmpty(section["GatewayAdminPort"]) ? null : ReadInt(section, "GatewayAdminPort", 0, min: 0),
            DashboardPort: ReadInt(section, "DashboardPort", DefaultDashboardPort, min: 0, max: 65534),
            RegistrationReplicas: ReadInt(replicas, "RegistrationApi", 2, min: 1, max: 16),
            AdminReplicas: ReadInt(replicas, "AdminApi", 1, min: 1, max: 16),
            StateDirectory: Path.GetFullPath(section["StateDirectory"] is { Length: > 0 } dir
                ? dir
                : Path.Combine(appHostDirectory, "..", ".apphost")),
            Fresh: ReadBool(section, "Fresh"),
            Servers: ReadEnum<ServerMode>(section, "Servers", ServerMode.Auto),
            Http2ToReplicas: ReadBool(section, "Http2ToReplicas", defaultValue: true),
            ServiceEnvironment: environment);
    }

    private static int ReadInt(IConfigurationSection section, string key, int defaultValue, int min = 0, int max = 65535)
    {
        var raw = section[key];
        if (string.IsNullOrEmpty(raw))
            return defaultValue;
        return int.TryParse(raw, out var value) && value >= min && value <= max
            ? value
            : throw new AppHostException($"{section.Path}:{key} must be a whole number from {min} to {max}, not '{raw}'.");
    }

    private static bool ReadBool(IConfigurationSection section, string key, bool defaultValue = false)
    {
        var raw = section[key];
        if (string.IsNullOrEmpty(raw))
            return defaultValue;
        return bool.TryParse(raw, out var value)
            ? value
            : throw new AppHostException($"{section.Path}:{key} must be true or false, not '{raw}'.");
    }

    private static T ReadEnum<T>(IConfigurationSection section, string key, T defaultValue) where T : struct, Enum
    {
        var raw = section[key];
        if (string.IsNullOrEmpty(raw))
            return defaultValue;
        return Enum.TryParse<T>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new AppHostException(
                $"{section.Path}:{key} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{raw}'.");
    }
}

/// <summary>A setting, a port or a package the operator can fix: reported in one sentence, no stack trace.</summary>
public sealed class AppHostException(string message) : Exception(message);
