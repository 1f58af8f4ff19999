using ReasoningGraph.Errors;

namespace ReasoningGraph.Health;

/// <summary>
/// What a failed check says in its description, which a readiness endpoint may show to anyone: what failed, with the
/// stable error code of a domain failure, never the exception's message (a host and port, a URL, a path). The exception
/// goes on the result, for the operator's log.
/// </summary>
internal static class FailureDescription
{
    public static string Of(string what, Exception exception) => exception is ReasoningGraphException { ErrorCode: { Length: > 0 } code }
        ? $"{what} ({code}; see the service log)"
        : $"{what} (see the service log)";
}
