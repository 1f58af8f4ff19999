using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// Where a graph command reads the graph from: <c>--graph FILE</c> (interchange JSONL loaded into the in-memory
/// store in line order) or <c>--database-url URL</c> (the PostgreSQL store; read-only unless a signer is
/// given, since without one any write fails closed).
/// </summary>
internal sealed class GraphSource : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GraphSource(ServiceProvider services)
    {
        _services = services;
        Graph = services.GetRequiredService<IReasoningGraph>();
    }

    public IReasoningGraph Graph { get; }

    /// <summary>The store behind <see cref="Graph"/> (the PostgreSQL store is also a snapshot store).</summary>
    public IReasoningGraphStore Store => _services.GetRequiredService<IReasoningGraphStore>();

    public static Option<string?> GraphOption() => new("--graph")
    {
        Description = "An interchange JSONL file to load into the in-memory store (line order gives seq).",
        HelpName = "FILE",
    };

    /// <summary>
    /// Builds the service for the chosen source, with the cursor key from the environment. With a
    /// <paramref name="signer"/> the PostgreSQL store signs audit events (the caller keeps ownership of it).
    /// </summary>
    public static async Task<GraphSource> OpenAsync(string? graphFile, CancellationToken cancellationToken, PostgresStoreOptions? database = null, IDigestSigner? signer = null)
    {
        if ((graphFile is null) == (database is null))
        {
            throw new UsageException("exactly one graph source is required: --graph FILE or --database-url URL");
        }

        var key = EnvironmentSettings.Read(StoreOptions.ReadCursorKey);
        var services = new ServiceCollection();
        if (signer is not null)
        {
            services.AddSingleton(signer);
        }

        var builder = services.AddReasoningGraph(options => options.CursorKey = key);
        if (database is not null)
        {
            builder.UsePostgres(database.ConnectionString!, options =>
            {
                options.Schema = database.Schema;
                options.GraphId = database.GraphId;
            });
        }
        else
        {
            builder.UseInMemoryStore();
        }

        var provider = services.BuildServiceProvider();
        if (database is not null)
        {
            try
            {
                provider.GetRequiredService<IStartupValidator>().Validate();
            }
            catch (OptionsValidationException e)
            {
                await provider.DisposeAsync();
                throw new UsageException(string.Join(" ", e.Failures));
            }
        }

        var source = new GraphSource(provider);
        if (graphFile is null)
        {
            return source;
        }

        try
        {
            await source.LoadAsync(graphFile, cancellationToken);
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    /// <summary>An in-memory graph holding <paramref name="items"/>, imported (they keep their ids and times), with the graph's options set by <paramref name="configure"/>.</summary>
    public static async Task<GraphSource> OpenAsync(GraphBatch items, Action<ReasoningGraphOptions> configure, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph(configure).UseInMemoryStore();
        var source = new GraphSource(services.BuildServiceProvider());
        try
        {
            await source.Graph.ImportAsync(items, cancellationToken);
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private async Task LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        await foreach (var line in GraphInterchange.ReadAsync(file, cancellationToken))
        {
            try
            {
                await Graph.ImportAsync([line.Input], cancellationToken);
            }
            catch (ReasoningGraphException e)
            {
                throw new UsageException($"{path}: line {line.LineNumber}: {e.ErrorCode}: {e.Message}");
            }
        }
    }
}
