namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A switch that is on: why, by whom, since when, and the audit event that recorded it.</summary>
internal sealed record ControlSetting
{
    public required string Reason { get; init; }

    public required string Actor { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required Guid AuditEventId { get; init; }
}
