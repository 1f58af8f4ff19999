using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive;

/// <summary>The stable <c>reason</c> detail of an <see cref="ArchiveException"/>.</summary>
public static class ArchiveFailureReasons
{
    /// <summary>A document with this snapshot id and hash is already archived; archives never overwrite (<see cref="ErrorCodes.Conflict"/>).</summary>
    public const string AlreadyArchived = "already-archived";

    /// <summary>The write went through but the archive did not report the retention asked for: the copy is not protected (<see cref="ErrorCodes.StoreUnavailable"/>, not transient).</summary>
    public const string RetentionNotInForce = "retention-not-in-force";

    /// <summary>The archive could not be reached or failed (<see cref="ErrorCodes.StoreUnavailable"/>, transient).</summary>
    public const string Unavailable = "archive-unavailable";

    /// <summary>The bytes are not a snapshot document whose metadata can be read (<see cref="ErrorCodes.InvalidPayload"/>).</summary>
    public const string InvalidDocument = "invalid-document";
}
