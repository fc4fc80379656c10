using System.Reflection;
using Aspire.Hosting;

namespace ClientPlatform.Testing;

/// <summary>The DLL a project of the AppHost's builds to, in the configuration these tests were built in.</summary>
public static class ProjectOutput
{
    private static readonly string Configuration =
        typeof(ProjectOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Dll(IProjectMetadata project) =>
        Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "bin", Configuration, "net10.0",
            Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");
}
