using System.Diagnostics;

namespace ReasoningGraph.Signing.Diagnostics;

/// <summary>
/// Sign spans on the library's <c>ReasoningGraph</c> activity source (listeners subscribe by name, so this
/// package's source and Core's are one to them).
/// </summary>
internal static class SigningDiagnostics
{
    public const string SourceName = "ReasoningGraph";

    private static readonly ActivitySource Source = new(SourceName, typeof(SigningDiagnostics).Assembly.GetName().Version?.ToString());

    public static Activity? StartSign(string signerKind, string signerId)
    {
        var activity = Source.StartActivity("reasoning_graph.sign");
        activity?.SetTag("reasoning_graph.signer.kind", signerKind);
        activity?.SetTag("reasoning_graph.signer.id", signerId);
        return activity;
    }
}
