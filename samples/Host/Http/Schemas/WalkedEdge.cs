using System.Text.Json;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>An edge of a walk page: the stored edge's fields and whether it led back to a visited node.</summary>
internal sealed record WalkedEdge
{
    public required Guid Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required Guid From { get; init; }

    public required Guid To { get; init; }

    public required string Type { get; init; }

    public double? Weight { get; init; }

    public required JsonElement Metadata { get; init; }

    public string? AuditEventId { get; init; }

    public required bool Revisit { get; init; }
}
