using System.Text.Json;

namespace ClientPlatform.Hosting;

/// <summary>The variables an Aspire AppHost injects into a project (aspire-substitute.md §1.2).</summary>
internal static class ProjectEnvironment
{
    public static Dictionary<string, string?> For(ProjectResource project, ResourceReplica replica, RunContext context)
    {
        var environment = LaunchProfile(project);
        var bind = project.IsExternal ? "localhost" : "127.0.0.1";
        environment["ASPNETCORE_URLS"] = $"http://{bind}:{project.Ports[replica.Index]}";
        environment["OTEL_SERVICE_NAME"] = project.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{replica.Index}";
        environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        environment["LOGGING__CONSOLE__FORMATTERNAME"] = "simple";
        environment["LOGGING__CONSOLE__FORMATTEROPTIONS__SINGLELINE"] = "true";
        if (context.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = context.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "http/protobuf";
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }

        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnection:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnection.ConnectionString;
                    break;
                case ProjectResource service:
                    // One entry per replica: the gateway balances over them and health-checks each.
                    var urls = service.EndpointUrls.ToList();
                    for (var i = 0; i < urls.Count; i++)
                        environment[$"services__{service.Name}__http__{i}"] = urls[i];
                    break;
            }
        }
        foreach (var (name, value) in project.Environment)
            environment[name] = value();
        return environment;
    }

    /// <summary>The environment of the first "Project" launch profile (where ASPNETCORE_ENVIRONMENT comes from).</summary>
    private static Dictionary<string, string?> LaunchProfile(ProjectResource project)
    {
        var result = new Dictionary<string, string?>();
        var path = Path.Combine(Path.GetDirectoryName(project.Project.ProjectPath)!, "Properties", "launchSettings.json");
        if (!File.Exists(path))
            return result;
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
            return result;
        foreach (var profile in profiles.EnumerateObject())
        {
            if (profile.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project")
            {
                if (profile.Value.TryGetProperty("environmentVariables", out var variables))
                    foreach (var variable in variables.EnumerateObject())
                        result[variable.Name] = variable.Value.GetString();
                break;
            }
        }
        return result;
    }
}
