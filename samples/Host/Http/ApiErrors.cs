using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Http;

/// <summary>The host's own domain failures, with the same codes and detail keys as the library's.</summary>
internal static class ApiErrors
{
    public static ReasoningGraphException InvalidPayload(string field, string message) => GraphErrors.InvalidPayload(field, message);

    public static ReasoningGraphException NotAuthorized(string message) => new(ErrorCodes.NotAuthorized, message);

    public static ReasoningGraphException Forbidden(string message, string capability) =>
        new(ErrorCodes.Forbidden, message) { Details = new Dictionary<string, string> { ["capability"] = capability } };
}
