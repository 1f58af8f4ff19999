namespace ReasoningGraph.Controls;

/// <summary>The switches of a graph as they stand; null members are off.</summary>
/// <param name="signingHold">The signing hold, or null.</param>
/// <param name="readOnly">The read-only switch, or null.</param>
public sealed class GraphControlState(GraphControlSetting? signingHold, GraphControlSetting? readOnly)
{
    /// <summary>Every switch off.</summary>
    public static GraphControlState None { get; } = new(null, null);

    /// <summary>The signing hold; null when signing is not held.</summary>
    public GraphControlSetting? SigningHold { get; } = signingHold;

    /// <summary>The read-only switch; null when writes are allowed.</summary>
    public GraphControlSetting? ReadOnly { get; } = readOnly;

    /// <summary>The setting of <paramref name="control"/>; null when it is off.</summary>
    /// <param name="control">The switch.</param>
    /// <returns>Its setting.</returns>
    public GraphControlSetting? Of(GraphControl control) => control == GraphControl.SigningHold ? SigningHold : ReadOnly;
}
