namespace ReasoningGraph.Controls;

/// <summary>
/// A store that keeps a graph's operator switches (<see cref="GraphControl"/>) durably and shared by every process
/// using the graph: each change is one row of an append-only history and one audit event on the graph's chain, in one
/// transaction.
/// </summary>
public interface IGraphControls
{
    /// <summary>The switches as they stand.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    Task<GraphControlState> GetControlsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns <paramref name="control"/> on or off and records the change on the audit chain. Turning on a switch that
    /// is on (or off one that is off) changes nothing and records nothing. Holding signing also puts every pending
    /// snapshot on hold; releasing it queues every snapshot on hold for signing again.
    /// </summary>
    /// <param name="control">The switch.</param>
    /// <param name="enabled">On or off.</param>
    /// <param name="reason">Why (1–1000 characters).</param>
    /// <param name="actor">Who.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    /// <returns>The state after the change.</returns>
    /// <exception cref="Errors.ReasoningGraphException">
    /// <c>INVALID_PAYLOAD</c> for a blank or overlong reason; <c>SIGNING_FAILURE</c> when the audit event cannot be
    /// signed (inline signing) ; <c>STORE_UNAVAILABLE</c>.
    /// </exception>
    Task<GraphControlState> SetControlAsync(GraphControl control, bool enabled, string reason, string actor, CancellationToken cancellationToken = default);
}
