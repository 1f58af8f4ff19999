namespace ReasoningGraph.Errors;

/// <summary>
/// The base of every domain failure raised by Reasoning Graph. <see cref="ErrorCode"/> is one of
/// <see cref="ErrorCodes"/> and is stable; the message is for humans and may change.
/// </summary>
public class ReasoningGraphException : Exception
{
    /// <summary>Creates an exception with a stable error code.</summary>
    /// <param name="errorCode">One of <see cref="ErrorCodes"/>.</param>
    /// <param name="message">A human-readable explanation.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ReasoningGraphException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>The stable error code, one of <see cref="ErrorCodes"/>.</summary>
    public string ErrorCode { get; }

    /// <summary>True when retrying the same operation later may succeed.</summary>
    public virtual bool IsTransient => ErrorCode is ErrorCodes.StoreUnavailable or ErrorCodes.RateLimited;

    /// <summary>Structured details for the error envelope (field names, line numbers, reasons).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = EmptyDetails;

    private static readonly Dictionary<string, string> EmptyDetails = new();
}
