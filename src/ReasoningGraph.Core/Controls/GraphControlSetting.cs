namespace ReasoningGraph.Controls;

/// <summary>One switch turned on: why, by whom, since when, and the audit event that records it.</summary>
/// <param name="reason">Why (free text, shown on health and in the audit record's hashed change).</param>
/// <param name="actor">Who turned it on.</param>
/// <param name="since">When.</param>
/// <param name="auditEventId">The audit event recording the change.</param>
public sealed class GraphControlSetting(string reason, string actor, DateTimeOffset since, Guid auditEventId)
{
    /// <summary>Why the switch is on.</summary>
    public string Reason { get; } = reason;

    /// <summary>Who turned it on.</summary>
    public string Actor { get; } = actor;

    /// <summary>When it was turned on.</summary>
    public DateTimeOffset Since { get; } = since;

    /// <summary>The audit event recording the change.</summary>
    public Guid AuditEventId { get; } = auditEventId;
}
