using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive;

/// <summary>A failure of an <see cref="ISnapshotArchive"/>, with a stable code and a stable <see cref="Reason"/> (one of <see cref="ArchiveFailureReasons"/>).</summary>
public sealed class ArchiveException : ReasoningGraphException
{
    private readonly bool _transient;

    /// <summary>Creates an archive failure.</summary>
    /// <param name="errorCode">One of <see cref="ErrorCodes"/>.</param>
    /// <param name="reason">One of <see cref="ArchiveFailureReasons"/>.</param>
    /// <param name="message">A human-readable explanation.</param>
    /// <param name="name">The object name concerned, if any.</param>
    /// <param name="transient">Whether retrying later may succeed.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ArchiveException(string errorCode, string reason, string message, string? name = null, bool transient = false, Exception? innerException = null)
        : base(errorCode, message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        Reason = reason;
        _transient = transient;
        var details = new Dictionary<string, string> { ["reason"] = reason };
        if (name is not null)
        {
            details["name"] = name;
        }

        Details = details;
    }

    /// <summary>Why the operation failed: one of <see cref="ArchiveFailureReasons"/>.</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override bool IsTransient => _transient;

    /// <summary>The refusal to overwrite <paramref name="name"/>.</summary>
    /// <param name="name">The object name that exists.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    /// <returns>The exception to throw.</returns>
    public static ArchiveException AlreadyArchived(string name, Exception? innerException = null) =>
        new(ErrorCodes.Conflict, ArchiveFailureReasons.AlreadyArchived, $"'{name}' is already archived; the archive is write-once and does not overwrite.", name, transient: false, innerException);

    /// <summary>An archive that cannot be reached or failed.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="name">The object name concerned, if any.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    /// <returns>The exception to throw.</returns>
    public static ArchiveException Unavailable(string message, string? name = null, Exception? innerException = null) =>
        new(ErrorCodes.StoreUnavailable, ArchiveFailureReasons.Unavailable, message, name, transient: true, innerException);
}
