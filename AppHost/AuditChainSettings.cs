using ClientPlatform.ServiceDefaults;

namespace ClientPlatform.AppHost;

/// <summary>What the audit worker alone is given: the audit chain's key, and where its checkpoints go (design.md §3).</summary>
public static class AuditChainSettings
{
    /// <summary>The AppHost parameter of the key (AUDIT_CHAIN_KEY when set, else made once and kept in the state folder).</summary>
    public const string KeyParameter = "audit-chain-key";

    /// <summary>The id the AppHost's key goes by in the rows it signs.</summary>
    public const string KeyId = "apphost-1";

    /// <summary>The checkpoint file, in the worker's folder of the state folder.</summary>
    public static string CheckpointFile(string stateDirectory) => Path.Combine(stateDirectory, ResourceNames.AuditWorker, "checkpoints.jsonl");

    public static IResourceBuilder<ProjectResource> WithAuditChain(
        this IResourceBuilder<ProjectResource> worker, IResourceBuilder<ParameterResource> key, StateFolder state)
    {
        state.For(ResourceNames.AuditWorker);
        return worker
            .WithEnvironment($"AuditChain__Keys__{KeyId}", key)
            .WithEnvironment("AuditChain__CurrentKeyId", KeyId)
            .WithEnvironment("AuditChain__CheckpointFile", CheckpointFile(state.Path));
    }
}
