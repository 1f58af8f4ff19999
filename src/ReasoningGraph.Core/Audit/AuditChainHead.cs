namespace ReasoningGraph.Audit;

/// <summary>The end of an audit chain: what the next event links to.</summary>
/// <param name="Hash">The last event's hash; null for an empty chain.</param>
/// <param name="CreatedAt">The last event's time; null for an empty chain.</param>
public readonly record struct AuditChainHead(string? Hash, DateTimeOffset? CreatedAt)
{
    /// <summary>The head of an empty chain.</summary>
    public static AuditChainHead Empty => default;

    /// <summary>The head after <paramref name="auditEvent"/>.</summary>
    /// <param name="auditEvent">The event just appended.</param>
    /// <returns>The new head.</returns>
    public static AuditChainHead After(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return new(auditEvent.Hash, auditEvent.CreatedAt);
    }
}
