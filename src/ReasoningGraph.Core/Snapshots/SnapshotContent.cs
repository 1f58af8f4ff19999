namespace ReasoningGraph.Snapshots;

/// <summary>The signed part of a snapshot document: everything but the proof (INTEROP.md §3).</summary>
public sealed class SnapshotContent
{
    /// <summary>The snapshot id (a UUID).</summary>
    public required string Id { get; init; }

    /// <summary>The root node ids, in the order the snapshot was requested.</summary>
    public required IReadOnlyList<string> RootIds { get; init; }

    /// <summary>When the snapshot was taken, as RFC3339Nano text (<c>2025-11-17T12:00:00.12345Z</c>).</summary>
    public required string CreatedAt { get; init; }

    /// <summary>The version of Reasoning Graph that built the snapshot.</summary>
    public required string ReasoningGraphVersion { get; init; }

    /// <summary>
    /// The payload as UTF-8 JSON: an object holding <c>nodes</c>, <c>edges</c>, <c>annotations</c>,
    /// <c>audience</c>, <c>pii_included</c> and <c>pii_policy_version</c>. It is canonicalized, so its
    /// formatting does not matter.
    /// </summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The manifest signature id, or null to leave the member out (it is never written as <c>null</c>).</summary>
    public string? ManifestSignatureId { get; init; }
}
