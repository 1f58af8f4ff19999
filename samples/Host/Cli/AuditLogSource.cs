using ReasoningGraph.Audit;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// A graph's audit log for the verifiable-log commands: the events of a PostgreSQL graph (<c>--database-url</c>) or
/// of an embedded store's data directory (<c>--data-dir</c>, its journal read without stopping the service), with
/// the graph id that names the log's default origin.
/// </summary>
internal static class AuditLogSource
{
    /// <summary>Every event, in chain order, and the default origin.</summary>
    public static async Task<(List<AuditEvent> Events, string Origin)> ReadAsync(string? dataDirectory, PostgresStoreOptions? database, CancellationToken cancellationToken)
    {
        if ((dataDirectory is null) == (database is null))
        {
            throw new UsageException("Name the store: --database-url URL or --data-dir DIR (one of them).");
        }

        var events = new List<AuditEvent>();
        if (dataDirectory is not null)
        {
            using var embedded = OpenJournal(dataDirectory);
            await foreach (var e in embedded.ReadAuditEventsAsync(null, cancellationToken))
            {
                events.Add(e);
            }

            return (events, LogCheckpoint.DefaultOrigin("default"));
        }

        await using var store = new PostgresGraphStore(database!);
        await foreach (var e in store.ReadAuditEventsAsync(null, cancellationToken))
        {
            events.Add(e);
        }

        return (events, LogCheckpoint.DefaultOrigin(database!.GraphId));
    }

    /// <summary>An embedded store's data directory, its journal opened read-only (the service may be running on it).</summary>
    public static InMemoryGraphStore OpenJournal(string dataDirectory)
    {
        string journal = Path.Combine(dataDirectory, StoreOptions.JournalFileName);
        return File.Exists(journal) ? InMemoryGraphStore.OpenReadOnly(journal) : throw new UsageException($"There is no journal at '{journal}'.");
    }

    /// <summary>The events' hashes as the tree's leaf data (32 bytes each).</summary>
    public static List<byte[]> LeafData(IEnumerable<AuditEvent> events) => [.. events.Select(e => Convert.FromHexString(e.Hash))];

    /// <summary>The tree's leaf hashes: <see cref="MerkleLog.LeafHash"/> of each event's hash.</summary>
    public static List<byte[]> LeafHashes(IEnumerable<AuditEvent> events) => [.. LeafData(events).Select(d => MerkleLog.LeafHash(d))];
}
