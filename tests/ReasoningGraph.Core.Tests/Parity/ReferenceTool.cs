namespace ReasoningGraph.Tests.Parity;

/// <summary>An external reference implementation the parity tests compare against.</summary>
public enum ReferenceTool
{
    /// <summary>The Go toolchain, which builds tools/go-canonical (kernel profile).</summary>
    Go,

    /// <summary>Node with tools/node-canonical's node_modules installed (npm canonicalize, rfc8785 profile).</summary>
    Node,
}
