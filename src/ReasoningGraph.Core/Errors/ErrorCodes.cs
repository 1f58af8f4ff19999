namespace ReasoningGraph.Errors;

/// <summary>
/// The stable error codes every failure carries. Callers switch on these strings; they never change.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The input is malformed or violates a model rule.</summary>
    public const string InvalidPayload = "INVALID_PAYLOAD";

    /// <summary>The requested item does not exist.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>An item with the same id but different content already exists.</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>The caller is not authenticated.</summary>
    public const string NotAuthorized = "NOT_AUTHORIZED";

    /// <summary>The caller, or the pre-write policy, is not allowed to perform the operation.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>A paging cursor was modified, truncated, expired or issued for another query.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";

    /// <summary>A document cannot be canonicalized; the reason is one of <c>CanonicalJsonError</c> (in <c>ReasoningGraph.Canonicalization</c>).</summary>
    public const string CanonicalizationError = "CANONICALIZATION_ERROR";

    /// <summary>A signature could not be produced; nothing was published.</summary>
    public const string SigningFailure = "SIGNING_FAILURE";

    /// <summary>A snapshot exists but is not signed yet.</summary>
    public const string SnapshotNotReady = "SNAPSHOT_NOT_READY";

    /// <summary>The backing store could not be reached in time.</summary>
    public const string StoreUnavailable = "STORE_UNAVAILABLE";

    /// <summary>The caller exceeded its request budget.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>Writes are refused while an operator has made the service read-only; reads go on.</summary>
    public const string ReadOnly = "READ_ONLY";
}
