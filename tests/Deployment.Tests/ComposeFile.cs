using YamlDotNet.RepresentationModel;

namespace ClientPlatform.Deployment.Tests;

/// <summary>
/// deploy/compose/docker-compose.yaml as docker-compose itself resolves it (`config`: anchors merged, variables
/// interpolated, short forms normalised), with the required variables set and the developer's own .env kept
/// out (an empty --env-file), so that the tests see the file and nothing else.
/// </summary>
internal static class ComposeFile
{
    public const string AdminSecret = "test-only-admin-secret-0123456789abcdef";

    /// <summary>What `up` needs; every other variable the file reads is removed, so its defaults apply.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Required = new Dictionary<string, string?>
    {
        ["POSTGRES_PASSWORD"] = "testpostgres",
        ["REDIS_PASSWORD"] = "testredis",
        ["RABBITMQ_PASSWORD"] = "testrabbitmq",
        ["RABBITMQ_REGISTRATION_API_PASSWORD"] = "testrabbitmqregistration",
        ["RABBITMQ_ADMIN_API_PASSWORD"] = "testrabbitmqadmin",
        ["RABBITMQ_AUDIT_WORKER_PASSWORD"] = "testrabbitmqaudit",
        ["ADMIN_API_SECRET"] = AdminSecret,
        ["POSTGRES_API_PASSWORD"] = "testpostgresapi",
        ["POSTGRES_AUDIT_PASSWORD"] = "testpostgresaudit",
        ["AUDIT_CHAIN_KEY"] = "test-only-audit-chain-key-0123456789abcdef",
        ["CLIENTPLATFORM_REGISTRY"] = null,
        ["CLIENTPLATFORM_TAG"] = null,
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        ["COMPOSE_FILE"] = null,
        ["COMPOSE_PROJECT_NAME"] = null,
    };

    private const string InstallHint = "Install Docker Compose: apt-get install -y docker-compose (Debian's 1.29; no container engine is needed for `config`).";

    private static readonly Lazy<YamlMappingNode> Resolved = new(() =>
    {
        var result = Config(Required, quiet: false);
        Assert.True(result.ExitCode == 0, $"docker-compose config exited {result.ExitCode}:\n{result.Error}");
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Output));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    });

    public static YamlMappingNode Root => Resolved.Value;

    public static IEnumerable<(string Name, YamlMappingNode Definition)> Services =>
        ((YamlMappingNode)Root["services"]).Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, (YamlMappingNode)pair.Value));

    /// <summary>The services built from ClientPlatform's images (the migration included).</summary>
    public static IEnumerable<(string Name, YamlMappingNode Definition)> Ours =>
        Services.Where(s => Images.IsOurs(s.Definition.Scalar("image")!));

    public static YamlMappingNode Service(string name) => Services.Single(s => s.Name == name).Definition;

    public static ToolResult Config(IReadOnlyDictionary<string, string?> environment, bool quiet)
    {
        var emptyEnvFile = Path.GetTempFileName();
        try
        {
            return ExternalTool.Run("docker-compose", InstallHint,
                ["--env-file", emptyEnvFile, "-f", RepositoryRoot.Combine("deploy", "compose", "docker-compose.yaml"), "config", .. quiet ? ["-q"] : Array.Empty<string>()],
                environment);
        }
        finally
        {
            File.Delete(emptyEnvFile);
        }
    }
}
