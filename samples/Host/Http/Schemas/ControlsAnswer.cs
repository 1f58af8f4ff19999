namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The operator switches: each <c>{reason, actor, since, auditEventId}</c> while on, else null; <c>readOnlySetting</c> is <c>READ_ONLY=true</c>.</summary>
internal sealed record ControlsAnswer
{
    public required ControlSetting? SigningHold { get; init; }

    public required ControlSetting? ReadOnly { get; init; }

    public required bool ReadOnlySetting { get; init; }
}
