using ReasoningGraph.Diagnostics;

namespace ReasoningGraph.Canonicalization;

/// <summary>The canonicalizer's instruments.</summary>
internal static class CanonicalizationMetrics
{
    /// <summary>Documents rejected by the canonicalizer, by reason (<c>reasoning_graph.canonicalization_failures_total</c>).</summary>
    public static TaggedTotals Failures { get; } = new(
        "reasoning_graph.canonicalization_failures_total", "Documents rejected by the canonicalizer.", "reason",
        [CanonicalJsonError.InvalidJson, CanonicalJsonError.DuplicateKey, CanonicalJsonError.InvalidUtf8, CanonicalJsonError.LoneSurrogate,
            CanonicalJsonError.NumberOutOfRange, CanonicalJsonError.MaxDepth]);
}
