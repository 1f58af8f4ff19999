namespace ReasoningGraph.Storage.Postgres;

/// <summary>What <see cref="PostgresMigrator.MigrateAsync"/> did.</summary>
public sealed class MigrationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="version">The schema version after the run.</param>
    /// <param name="applied">The versions this run applied, in order.</param>
    /// <param name="otherAuditChains">Other graphs whose audit chains share the schema; none when null.</param>
    public MigrationResult(int version, IReadOnlyList<int> applied, IReadOnlyList<string>? otherAuditChains = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        Version = version;
        Applied = applied;
        OtherAuditChains = otherAuditChains ?? [];
    }

    /// <summary>The schema version after the run: the highest applied migration.</summary>
    public int Version { get; }

    /// <summary>The versions this run applied (empty when the schema was already current).</summary>
    public IReadOnlyList<int> Applied { get; }

    /// <summary>
    /// The ids of other graphs whose audit chains live in the same schema, sorted. Empty is what a graph the Kernel's
    /// <c>audit-verify</c> must check needs: that tool reads the whole <c>audit_events</c> table with no graph filter.
    /// </summary>
    public IReadOnlyList<string> OtherAuditChains { get; }
}
