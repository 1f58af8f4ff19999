using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// Ids in routes are parsed here rather than by a route constraint, so a malformed id gets the error envelope. Only
/// the form body ids take is accepted (36 characters, hyphenated, no braces, parentheses or padding): one id has one
/// spelling in every part of the API, logs and caches.
/// </summary>
internal static class RouteIds
{
    private const int CanonicalLength = 36;

    public static Guid Parse(string id, string field = "id") =>
        id.Length == CanonicalLength && Guid.TryParseExact(id, "D", out var value)
            ? value
            : throw ApiErrors.InvalidPayload(field, $"'{id}' is not a UUID in its hyphenated form (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
}
