using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Controls;

/// <summary>
/// One change of a switch, as stores keep it and audit it: the audit event's <c>entityId</c> is <see cref="Id"/> and
/// its <c>entityHash</c> the SHA-256 of the change's canonical JSON (<see cref="EntityHash"/>), so an auditor holding
/// the change record can check the event covers exactly it (reason included).
/// </summary>
public sealed class GraphControlChange
{
    /// <summary>The longest accepted reason, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Builds a change, checking the reason.</summary>
    /// <param name="control">The switch.</param>
    /// <param name="enabled">On or off.</param>
    /// <param name="reason">Why.</param>
    /// <param name="actor">Who.</param>
    /// <param name="changedAt">When (stored to the microsecond).</param>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> for a blank or overlong reason or actor.</exception>
    public GraphControlChange(GraphControl control, bool enabled, string reason, string actor, DateTimeOffset changedAt)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength || reason.Contains('\0', StringComparison.Ordinal))
        {
            throw new ReasoningGraphException(ErrorCodes.InvalidPayload, $"A reason of 1 to {MaxReasonLength} characters (no NUL) is required.")
            {
                Details = new Dictionary<string, string> { ["field"] = "reason" },
            };
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        Control = control;
        Enabled = enabled;
        Reason = reason.Trim();
        Actor = actor;
        ChangedAt = Rfc3339Nano.ToStoredPrecision(changedAt);
        Id = Guid.CreateVersion7(ChangedAt);
    }

    /// <summary>The change's id (a UUIDv7): the audit event's <c>entityId</c>.</summary>
    public Guid Id { get; }

    /// <summary>The switch.</summary>
    public GraphControl Control { get; }

    /// <summary>On or off.</summary>
    public bool Enabled { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }

    /// <summary>Who.</summary>
    public string Actor { get; }

    /// <summary>When, to the microsecond.</summary>
    public DateTimeOffset ChangedAt { get; }

    /// <summary>The switch's name in stores and on the wire: <c>signing_hold</c> or <c>read_only</c>.</summary>
    public string ControlName => NameOf(Control);

    /// <summary>The audit event type recording this change.</summary>
    public string EventType => (Control, Enabled) switch
    {
        (GraphControl.SigningHold, true) => AuditEventTypes.SigningHeld,
        (GraphControl.SigningHold, false) => AuditEventTypes.SigningReleased,
        (_, true) => AuditEventTypes.ReadOnlyEnabled,
        _ => AuditEventTypes.ReadOnlyDisabled,
    };

    /// <summary>The name of <paramref name="control"/>: <c>signing_hold</c> or <c>read_only</c>.</summary>
    /// <param name="control">The switch.</param>
    /// <returns>Its name.</returns>
    public static string NameOf(GraphControl control) => control == GraphControl.SigningHold ? "signing_hold" : "read_only";

    /// <summary>The switch named <paramref name="name"/> (<see cref="NameOf"/>).</summary>
    /// <param name="name">A name.</param>
    /// <returns>The switch.</returns>
    /// <exception cref="FormatException">Not a switch's name.</exception>
    public static GraphControl Parse(string name) => name switch
    {
        "signing_hold" => GraphControl.SigningHold,
        "read_only" => GraphControl.ReadOnly,
        _ => throw new FormatException($"'{name}' is not a graph control (signing_hold, read_only)."),
    };

    /// <summary>
    /// The kernel-profile canonical record <c>{actor, changedAt, control, enabled, id, reason}</c> whose SHA-256 is
    /// the audit event's <c>entityHash</c>.
    /// </summary>
    /// <returns>The canonical bytes.</returns>
    internal byte[] ToCanonicalBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("actor", Actor);
            writer.WriteString("changedAt", Rfc3339Nano.Format(ChangedAt));
            writer.WriteString("control", ControlName);
            writer.WriteBoolean("enabled", Enabled);
            writer.WriteString("id", Id.ToString());
            writer.WriteString("reason", Reason);
            writer.WriteEndObject();
        }

        return CanonicalJson.Canonicalize(buffer.WrittenSpan);
    }

    /// <summary>
    /// Lowercase hex SHA-256 of the kernel-profile canonical record <c>{actor, changedAt, control, enabled, id, reason}</c>:
    /// the audit event's <c>entityHash</c>.
    /// </summary>
    /// <returns>64 hex characters.</returns>
    public string EntityHash() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ToCanonicalBytes()));
}
