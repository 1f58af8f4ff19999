namespace ReasoningGraph.Host.Http;

/// <summary>Endpoint metadata: the answer with this status is in the envelope <c>{"ok": true, …}</c> (<see cref="EnvelopeResult"/>).</summary>
internal sealed record EnvelopedAnswer(int StatusCode);
