namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>How a service treats the database schema at start-up (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// True (here and under the AppHost): the first replica to start brings the schema up to date. False (the
    /// images' default): a one-shot job runs <c>migrate</c> first, and replicas only wait for it, unhealthy, so
    /// that no replica of a rolling update changes the schema under the replicas still serving.
    /// </summary>
    public bool MigrateAtStart { get; set; } = true;
}
