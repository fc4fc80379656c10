using System.Reflection;

namespace ClientPlatform.Images.Tests;

/// <summary>The five images deploy/images/build.sh pushes, by the name the manifests use.</summary>
internal static class ServiceImages
{
    public const string Gateway = "gateway";
    public const string RegistrationApi = "registration-api";
    public const string AdminApi = "admin-api";
    public const string AuditWorker = "audit-worker";
    public const string Migrator = "migrator";

    /// <summary>The services: each listens on 8080 and answers /health until it is stopped.</summary>
    public static readonly string[] Services = [Gateway, RegistrationApi, AdminApi, AuditWorker];

    /// <summary>Where build.sh pushed them (CLIENTPLATFORM_REGISTRY, default the local registry on loopback).</summary>
    public static string Registry => Environment.GetEnvironmentVariable("CLIENTPLATFORM_REGISTRY") is { Length: > 0 } r ? r : "127.0.0.1:5000";

    /// <summary>The tag: the projects' Version, the same for this test assembly (Directory.Build.props).</summary>
    public static string Tag => Environment.GetEnvironmentVariable("CLIENTPLATFORM_TAG") is { Length: > 0 } t ? t
        : typeof(ServiceImages).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    public static string Reference(string image) => $"{Registry}/clientplatform/{image}:{Tag}";

    public static string Assembly(string image) => image switch
    {
        Gateway => "Gateway.dll",
        RegistrationApi => "Registration.Api.dll",
        AdminApi => "Admin.Api.dll",
        AuditWorker => "Audit.Worker.dll",
        Migrator => "Clients.Migrator.dll",
        _ => throw new ArgumentOutOfRangeException(nameof(image)),
    };
}
