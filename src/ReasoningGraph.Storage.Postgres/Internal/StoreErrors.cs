using System.Globalization;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>The domain errors the store raises, with the details the store contract names (field, index, id).</summary>
internal static class StoreErrors
{
    public static ReasoningGraphException Conflict(Guid id, long index) =>
        Build(ErrorCodes.Conflict, $"An item with id {id} already exists with different content or as another kind.", "id", index, id);

    public static ReasoningGraphException NotFound(string field, Guid id, long index, string kind) =>
        Build(ErrorCodes.NotFound, $"{field}: no {kind} with id {id} exists in the store or earlier in the batch.", field, index, id);

    public static ReasoningGraphException InvalidPayload(string field, long index, Guid? id, string message) =>
        Build(ErrorCodes.InvalidPayload, message, field, index, id);

    public static ReasoningGraphException Unavailable(string message, Exception? inner) =>
        new(ErrorCodes.StoreUnavailable, message, inner);

    private static ReasoningGraphException Build(string code, string message, string field, long index, Guid? id)
    {
        var details = new Dictionary<string, string>
        {
            ["field"] = field,
            ["index"] = index.ToString(CultureInfo.InvariantCulture),
        };
        if (id is { } value)
        {
            details["id"] = value.ToString();
        }

        return new ReasoningGraphException(code, message) { Details = details };
    }
}
