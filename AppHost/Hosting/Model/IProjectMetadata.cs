namespace ClientPlatform.Hosting;

/// <summary>What the build knows about a referenced project (generated as <c>Projects.*</c>).</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }
    string AssemblyPath { get; }
}
