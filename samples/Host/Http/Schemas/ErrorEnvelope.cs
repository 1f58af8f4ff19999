namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>Every failure: <c>{"ok": false, "error": {code, message, details}}</c> (DESIGN.md, "Errors"); written by <c>ErrorResult</c>.</summary>
internal sealed record ErrorEnvelope
{
    public required bool Ok { get; init; }

    public required ErrorBody Error { get; init; }
}
