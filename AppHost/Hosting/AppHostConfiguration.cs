using Microsoft.Extensions.Configuration;

namespace ClientPlatform.Hosting;

/// <summary>
/// The AppHost's settings: environment variables (<c>AppHost__GatewayPort</c>, <c>ConnectionStrings__cache</c>,
/// <c>ADMIN_API_SECRET</c>…) and the command line, whose short forms are mapped here.
/// </summary>
public static class AppHostConfiguration
{
    public const string Section = "AppHost";

    /// <summary>The section whose settings the AppHost hands to the APIs and the gateway (see ClientPlatformModel).</summary>
    public const string ServiceEnvironment = "ServiceEnvironment";

    /// <summary>The AppHost setting that hands <paramref name="key"/> (e.g. <c>RateLimits:Enabled</c>) to the services.</summary>
    public static string ServiceSetting(string key) => $"{Section}:{ServiceEnvironment}:{key}";

    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--gateway-port"] = $"{Section}:GatewayPort",
        ["--dashboard-port"] = $"{Section}:DashboardPort",
        ["--state-dir"] = $"{Section}:StateDirectory",
        ["--fresh"] = $"{Section}:Fresh",
        ["--registration-replicas"] = $"{Section}:Replicas:RegistrationApi",
        ["--admin-replicas"] = $"{Section}:Replicas:AdminApi",
    };

    public static IConfiguration Build(string[] args)
    {
        // '--fresh' is a flag: the command-line provider wants a value.
        var normalized = args.Select(a => a == "--fresh" ? "--fresh=true" : a).ToArray();
        var unknown = normalized.Select(a => a.Split('=')[0]).Where(a => a.StartsWith("--") && !Switches.ContainsKey(a)).ToList();
        if (unknown.Count > 0)
            throw new HostingException($"Unknown option {unknown[0]}: the options are {string.Join(", ", Switches.Keys)}.");
        return new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(normalized, Switches)
            .Build();
    }

    public static DistributedApplicationOptions Options(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new DistributedApplicationOptions
        {
            StateDirectory = Path.GetFullPath(section["StateDirectory"] is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot(), ".apphost")),
            Fresh = ReadBool(section, "Fresh"),
            DashboardPort = ReadInt(section, "DashboardPort", 18888, min: 0),
        };
    }

    public static int ReadInt(IConfigurationSection section, string key, int defaultValue, int min = 0, int max = 65535)
    {
        var raw = section[key];
        if (string.IsNullOrEmpty(raw))
            return defaultValue;
        return int.TryParse(raw, out var value) && value >= min && value <= max
            ? value
            : throw new HostingException($"{section.Path}:{key} must be a whole number from {min} to {max}, not '{raw}'.");
    }

    private static bool ReadBool(IConfigurationSection section, string key)
    {
        var raw = section[key];
        if (string.IsNullOrEmpty(raw))
            return false;
        return bool.TryParse(raw, out var value)
            ? value
            : throw new HostingException($"{section.Path}:{key} must be true or false, not '{raw}'.");
    }

    /// <summary>The folder holding ClientPlatform.sln (the state folder lives there), else the current one.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClientPlatform.sln")))
                return dir.FullName;
        }
        return Environment.CurrentDirectory;
    }
}
