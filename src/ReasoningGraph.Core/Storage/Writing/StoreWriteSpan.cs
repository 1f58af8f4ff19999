using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using ReasoningGraph.Diagnostics;

namespace ReasoningGraph.Storage.Writing;

/// <summary>
/// The span of one store write, <c>reasoning_graph.store.write</c> on <see cref="ReasoningGraphDiagnostics.ActivitySource"/>,
/// with the tags every store sets alike: <c>reasoning_graph.store</c>, <c>reasoning_graph.batch_size</c>,
/// <c>reasoning_graph.created</c> and, for writes committed together, <c>reasoning_graph.group_size</c>.
/// </summary>
/// <remarks>Part of the store-implementer kit: the API may change in a minor version (diagnostic <c>RG0001</c>).</remarks>
[Experimental("RG0001")]
public static class StoreWriteSpan
{
    /// <summary>The span's name.</summary>
    public const string Name = "reasoning_graph.store.write";

    /// <summary>Starts the span; null when nobody listens. Dispose it when the write is done.</summary>
    /// <param name="store">The store's name (its type name: <c>InMemoryGraphStore</c>, <c>PostgresGraphStore</c>).</param>
    /// <param name="items">The number of inputs written (0 for a stream whose length is not known yet).</param>
    /// <returns>The started activity, or null.</returns>
    public static Activity? Start(string store, int items)
    {
        var activity = ReasoningGraphDiagnostics.ActivitySource.StartActivity(Name);
        activity?.SetTag("reasoning_graph.store", store);
        activity?.SetTag("reasoning_graph.batch_size", items);
        return activity;
    }

    /// <summary>Records how many items the write created (replays excluded).</summary>
    /// <param name="activity">The span, or null.</param>
    /// <param name="created">The number of created items.</param>
    public static void SetCreated(Activity? activity, int created) => activity?.SetTag("reasoning_graph.created", created);

    /// <summary>Records how many items a stream (an import) created.</summary>
    /// <param name="activity">The span, or null.</param>
    /// <param name="created">The number of created items.</param>
    public static void SetCreated(Activity? activity, long created) => activity?.SetTag("reasoning_graph.created", created);

    /// <summary>Records how many callers' writes one commit carried (group commit).</summary>
    /// <param name="activity">The span, or null.</param>
    /// <param name="groupSize">The number of writes committed together.</param>
    public static void SetGroupSize(Activity? activity, int groupSize) => activity?.SetTag("reasoning_graph.group_size", groupSize);
}
