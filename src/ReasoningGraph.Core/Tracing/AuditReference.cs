using System.Text.Json.Serialization;

namespace ReasoningGraph.Tracing;

/// <summary>
/// A trace entry's audit reference, in the Go service's shape <c>{"eventId":"…"}</c>: callers of that service read
/// <c>auditRef.eventId</c>.
/// </summary>
/// <param name="EventId">The item's <c>auditEventId</c>: the id of the Kernel's own audit event for it.</param>
public sealed record AuditReference([property: JsonPropertyName("eventId")] string EventId);
