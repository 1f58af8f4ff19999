namespace ReasoningGraph.Storage.Postgres;

/// <summary>What <see cref="PostgresMigrator.MigrateAsync"/> did.</summary>
public sealed class MigrationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="version">The schema version after the run.</param>
    /// <param name="applied">The versions this run applied, in order.</param>
    public MigrationResult(int version, IReadOnlyList<int> applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        Version = version;
        Applied = applied;
    }

    /// <summary>The schema version after the run: the highest applied migration.</summary>
    public int Version { get; }

    /// <summary>The versions this run applied (empty when the schema was already current).</summary>
    public IReadOnlyList<int> Applied { get; }
}
