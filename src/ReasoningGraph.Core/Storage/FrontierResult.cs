using ReasoningGraph.Model;

namespace ReasoningGraph.Storage;

/// <summary>The answer to a <see cref="FrontierRequest"/>.</summary>
public sealed class FrontierResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="edges">The matching edges, each once, in any order.</param>
    /// <param name="farNodes">The far-end node of every returned edge, each once, in any order.</param>
    public FrontierResult(IReadOnlyList<ReasoningEdge> edges, IReadOnlyList<ReasoningNode> farNodes)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(farNodes);
        Edges = edges;
        FarNodes = farNodes;
    }

    /// <summary>An empty result.</summary>
    public static FrontierResult Empty { get; } = new([], []);

    /// <summary>The matching edges, each once (a self-loop too), in any order.</summary>
    public IReadOnlyList<ReasoningEdge> Edges { get; }

    /// <summary>The far-end node of every returned edge, each once, in any order.</summary>
    public IReadOnlyList<ReasoningNode> FarNodes { get; }
}
