using Mono.Cecil;

namespace ReasoningGraph.Architecture.Tests;

/// <summary>
/// The namespace-level dependency graph of one assembly, read from its compiled code (signatures, attributes and
/// method bodies, read with Mono.Cecil). A namespace and its own <c>Internal</c> child count as one layer: they may use each other.
/// Namespaces outside <c>ReasoningGraph</c> (generated code, the global namespace) are left out.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, (string From, string To)>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    /// <summary>Every layer with at least one type.</summary>
    public SortedSet<string> Layers { get; } = new(StringComparer.Ordinal);

    /// <summary>Builds the graph of the types of the compiled assembly at <paramref name="path"/>.</summary>
    public static NamespaceGraph Of(string path)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(path);
        foreach (TypeDefinition type in module.Types)
        {
            if (LayerOf(type.Namespace) is { } layer)
            {
                graph.Layers.Add(layer);
            }
        }

        foreach (var (from, to) in TypeDependencies.Of(module))
        {
            if (LayerOf(from.Namespace) is { } fromLayer && LayerOf(to.Namespace) is { } toLayer && fromLayer != toLayer)
            {
                graph.Add(fromLayer, toLayer, from.FullName, to.FullName);
            }
        }

        return graph;
    }

    /// <summary>The layer of a namespace: itself with trailing <c>.Internal</c> segments removed; null outside
    /// <c>ReasoningGraph</c>.</summary>
    public static string? LayerOf(string ns)
    {
        if (!ns.StartsWith("ReasoningGraph", StringComparison.Ordinal))
        {
            return null;
        }

        while (ns.EndsWith(".Internal", StringComparison.Ordinal))
        {
            ns = ns[..^".Internal".Length];
        }

        return ns;
    }

    /// <summary>The edges from <paramref name="from"/>, each with one pair of types that makes it.</summary>
    public IReadOnlyDictionary<string, (string From, string To)> EdgesFrom(string from) =>
        _edges.TryGetValue(from, out var edges) ? edges : new Dictionary<string, (string, string)>();

    /// <summary>The strongly connected components with more than one layer: each is at least one cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<IReadOnlyList<string>>();
        int next = 0;

        // Tarjan's algorithm; the graphs have a few dozen nodes, so recursion depth is no concern.
        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (string target in EdgesFrom(node).Keys)
            {
                if (!index.TryGetValue(target, out int targetIndex))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], targetIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    components.Add(component);
                }
            }
        }

        foreach (string layer in Layers)
        {
            if (!index.ContainsKey(layer))
            {
                Visit(layer);
            }
        }

        return components;
    }

    /// <summary>The edges inside a component, one line each with the pair of types that makes it.</summary>
    public IEnumerable<string> Describe(IReadOnlyList<string> component)
    {
        var members = component.ToHashSet(StringComparer.Ordinal);
        foreach (string from in component)
        {
            foreach (var (to, example) in EdgesFrom(from).Where(e => members.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                yield return $"  {from} -> {to}   ({example.From} uses {example.To})";
            }
        }
    }

    /// <summary>Adds a node without types, for tests of the graph itself.</summary>
    internal static NamespaceGraph FromEdges(params (string From, string To)[] edges)
    {
        var graph = new NamespaceGraph();
        foreach (var (from, to) in edges)
        {
            graph.Layers.Add(from);
            graph.Layers.Add(to);
            graph.Add(from, to, from + ".A", to + ".B");
        }

        return graph;
    }

    private void Add(string from, string to, string fromType, string toType)
    {
        if (!_edges.TryGetValue(from, out var edges))
        {
            _edges[from] = edges = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        }

        edges.TryAdd(to, (fromType, toType));
    }
}
