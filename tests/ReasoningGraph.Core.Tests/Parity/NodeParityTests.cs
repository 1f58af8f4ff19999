using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Tests.Parity;

/// <summary>The rfc8785 profile against npm canonicalize 4.0.0 on fresh random documents.</summary>
public sealed class NodeParityTests
{
    [ReferenceFact(ReferenceTool.Node)]
    public Task Rfc8785Profile_MatchesNpmCanonicalizeOnRandomDocuments() =>
        ParityCheck.AssertMatchesAsync("npm canonicalize", CanonicalJsonOptions.Rfc8785, 3000, NodeReference.CanonicalizeAsync);
}
