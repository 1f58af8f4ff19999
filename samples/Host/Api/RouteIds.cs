using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Api;

/// <summary>Ids in routes are parsed here rather than by a route constraint, so a malformed id gets the error envelope.</summary>
internal static class RouteIds
{
    public static Guid Parse(string id, string field = "id") =>
        Guid.TryParse(id, out var value) ? value : throw ApiErrors.InvalidPayload(field, $"'{id}' is not a UUID.");
}
