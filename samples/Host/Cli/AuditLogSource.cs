using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.VerifiableLog;
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
    /// <summary>The log at the chain's size now (it owns the store it reads; dispose it), and the log's default origin.</summary>
    public static async Task<(LogTree Tree, string Origin)> OpenAsync(string? dataDirectory, PostgresStoreOptions? database, CancellationToken cancellationToken)
    {
        if ((dataDirectory is null) == (database is null))
        {
            throw new UsageException("Name the store: --database-url URL or --data-dir DIR (one of them).");
        }

        if (dataDirectory is not null)
        {
            var embedded = OpenJournal(dataDirectory);
            return (await LogTree.OpenAsync(embedded, cancellationToken, owned: embedded), LogTree.DefaultOrigin(null));
        }

        var store = new PostgresGraphStore(database!);
        try
        {
            return (await LogTree.OpenAsync(store, cancellationToken, owned: store), LogTree.DefaultOrigin(database));
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>An embedded store's data directory, its journal opened read-only (the service may be running on it).</summary>
    public static InMemoryGraphStore OpenJournal(string dataDirectory)
    {
        string journal = Path.Combine(dataDirectory, StoreOptions.JournalFileName);
        return File.Exists(journal) ? InMemoryGraphStore.OpenReadOnly(journal) : throw new UsageException($"There is no journal at '{journal}'.");
    }
}
