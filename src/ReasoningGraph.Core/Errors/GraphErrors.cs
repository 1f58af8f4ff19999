using System.Globalization;

namespace ReasoningGraph.Errors;

/// <summary>Builds the domain exceptions with their stable codes and details.</summary>
internal static class GraphErrors
{
    public static ReasoningGraphException InvalidPayload(string field, string message, int? index = null, Guid? id = null, string? reason = null) =>
        Build(ErrorCodes.InvalidPayload, message, field, index, id, reason);

    public static ReasoningGraphException Conflict(Guid id, int? index, string message) =>
        Build(ErrorCodes.Conflict, message, "id", index, id, null);

    public static ReasoningGraphException NotFound(string field, Guid id, int? index, string message) =>
        Build(ErrorCodes.NotFound, message, field, index, id, null);

    public static ReasoningGraphException InvalidCursor(string reason) =>
        new(ErrorCodes.InvalidCursor, "The cursor is not valid for this query: " + reason + ".")
        {
            Details = new Dictionary<string, string> { ["field"] = "cursor", ["reason"] = reason },
        };

    /// <summary>The same error with the interchange line number added to its details.</summary>
    public static ReasoningGraphException AtLine(ReasoningGraphException error, long line)
    {
        var details = new Dictionary<string, string>(error.Details) { ["line"] = line.ToString(CultureInfo.InvariantCulture) };
        return new ReasoningGraphException(error.ErrorCode, $"line {line}: {error.Message}", error) { Details = details };
    }

    private static ReasoningGraphException Build(string code, string message, string field, int? index, Guid? id, string? reason)
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
