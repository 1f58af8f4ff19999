using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ReasoningGraph.Errors;

/// <summary>
/// Builds the domain exceptions with their stable codes and details, for the library and for store authors: one
/// place, so every store's errors carry the same detail keys in the same order (<c>field</c>, <c>index</c>,
/// <c>id</c>, <c>reason</c>) and reach the error envelope alike.
/// </summary>
/// <remarks>Part of the store-implementer kit: the API may change in a minor version (diagnostic <c>RG0001</c>).</remarks>
[Experimental("RG0001")]
public static class GraphErrors
{
    /// <summary><c>INVALID_PAYLOAD</c>: the input is malformed or breaks a model or store rule.</summary>
    /// <param name="field">The offending field (the <c>field</c> detail).</param>
    /// <param name="message">The human-readable message.</param>
    /// <param name="index">The input's position in its batch or import (the <c>index</c> detail), if any.</param>
    /// <param name="id">The input's id (the <c>id</c> detail), if known.</param>
    /// <param name="reason">A stable reason code (the <c>reason</c> detail), if any.</param>
    /// <returns>The exception, to throw.</returns>
    public static ReasoningGraphException InvalidPayload(string field, string message, long? index = null, Guid? id = null, string? reason = null) =>
        Build(ErrorCodes.InvalidPayload, message, field, index, id, reason);

    /// <summary><c>CONFLICT</c>: an item (or snapshot) with <paramref name="id"/> exists with other content; the <c>field</c> detail is <c>id</c>.</summary>
    /// <param name="id">The conflicting id.</param>
    /// <param name="index">The input's position in its batch or import, if any.</param>
    /// <param name="message">The human-readable message.</param>
    /// <returns>The exception, to throw.</returns>
    public static ReasoningGraphException Conflict(Guid id, long? index, string message) =>
        Build(ErrorCodes.Conflict, message, "id", index, id, null);

    /// <summary><c>NOT_FOUND</c>: <paramref name="field"/> names <paramref name="id"/>, which does not exist (as the kind it must be).</summary>
    /// <param name="field">The field that holds the id.</param>
    /// <param name="id">The missing id.</param>
    /// <param name="index">The input's position in its batch or import, if any.</param>
    /// <param name="message">The human-readable message.</param>
    /// <returns>The exception, to throw.</returns>
    public static ReasoningGraphException NotFound(string field, Guid id, long? index, string message) =>
        Build(ErrorCodes.NotFound, message, field, index, id, null);

    /// <summary><c>STORE_UNAVAILABLE</c> (transient): the backing store could not be reached or written; no details.</summary>
    /// <param name="message">The human-readable message.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    /// <returns>The exception, to throw.</returns>
    public static ReasoningGraphException StoreUnavailable(string message, Exception? inner = null) =>
        new(ErrorCodes.StoreUnavailable, message, inner);

    /// <summary><c>INVALID_CURSOR</c> with the <c>field</c> detail <c>cursor</c> and <paramref name="reason"/>.</summary>
    /// <param name="reason">Why the cursor was refused (<c>malformed</c>, <c>truncated</c>, <c>query-mismatch</c>, …).</param>
    /// <returns>The exception, to throw.</returns>
    public static ReasoningGraphException InvalidCursor(string reason) =>
        new(ErrorCodes.InvalidCursor, "The cursor is not valid for this query: " + reason + ".")
        {
            Details = new Dictionary<string, string> { ["field"] = "cursor", ["reason"] = reason },
        };

    /// <summary>The same error with the interchange line number added to its details and its message.</summary>
    /// <param name="error">The error raised for the line's content.</param>
    /// <param name="line">The 1-based line number.</param>
    /// <returns>A new exception with the same code, wrapping <paramref name="error"/>.</returns>
    internal static ReasoningGraphException AtLine(ReasoningGraphException error, long line)
    {
        ArgumentNullException.ThrowIfNull(error);
        var details = new Dictionary<string, string>(error.Details) { ["line"] = line.ToString(CultureInfo.InvariantCulture) };
        return new ReasoningGraphException(error.ErrorCode, $"line {line}: {error.Message}", error) { Details = details };
    }

    private static ReasoningGraphException Build(string code, string message, string field, long? index, Guid? id, string? reason)
    {
        var details = new Dictionary<string, string> { ["field"] = field };
        if (index is { } i)
        {
            details["index"] = i.ToString(CultureInfo.InvariantCulture);
        }

        if (id is { } value)
        {
            details["id"] = value.ToString();
        }

        if (reason is not null)
        {
            details["reason"] = reason;
        }

        return new ReasoningGraphException(code, message) { Details = details };
    }
}
