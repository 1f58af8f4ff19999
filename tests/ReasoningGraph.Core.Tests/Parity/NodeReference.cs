namespace ReasoningGraph.Tests.Parity;

/// <summary>tools/node-canonical: the npm package canonicalize (RFC 8785 reference implementation).</summary>
internal static class NodeReference
{
    /// <summary>One line per document: base64 canonical bytes or <c>!error message</c>.</summary>
    public static Task<IReadOnlyList<string>> CanonicalizeAsync(IReadOnlyList<byte[]> documents) =>
        ProcessRunner.RunLinesAsync(ReferenceTools.Require("node"), [ReferenceTools.NodeScript], Path.GetDirectoryName(ReferenceTools.NodeScript)!, documents);
}
