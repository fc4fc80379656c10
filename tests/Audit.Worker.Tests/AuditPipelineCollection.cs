namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>One pipeline for every test here; they run one after another, since some stop the broker or the worker.</summary>
[CollectionDefinition(Name)]
public sealed class AuditPipelineCollection : ICollectionFixture<AuditPipelineFixture>
{
    public const string Name = "audit-pipeline";
}
