using System.Text.Json;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary><c>GET /reason/snapshot/{id}</c>: the signed document (INTEROP §3) byte for byte, and with <c>format=human</c> its summary.</summary>
internal sealed record SnapshotAnswer
{
    public required JsonElement Snapshot { get; init; }

    public SnapshotSummary? Human { get; init; }
}
