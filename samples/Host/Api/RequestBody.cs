using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// Reads request bodies. Inputs go through the library's own JSON contract (<see cref="GraphJson.Input"/>) so the
/// API accepts exactly the fields DESIGN.md names; the host only adds the <c>kind</c> the route already implies.
/// </summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, documentOptions: DocumentOptions, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw ApiErrors.InvalidPayload("body", "The body is not valid JSON: " + e.Message);
        }

        return node as JsonObject ?? throw ApiErrors.InvalidPayload("body", "The body must be a JSON object.");
    }

    /// <summary>One node, edge or annotation input from a JSON object (which this call takes over).</summary>
    public static T ToInput<T>(JsonObject body, string kind, string field = "body")
        where T : GraphItemInput
    {
        if (body.ContainsKey("kind"))
        {
            throw ApiErrors.InvalidPayload(field + ".kind", "'kind' is implied by the route and must not be sent.");
        }

        body["kind"] = kind;
        try
        {
            return body.Deserialize(GraphJson.Input) as T
                ?? throw ApiErrors.InvalidPayload(field, $"The {kind} is empty.");
        }
        catch (JsonException e)
        {
            throw ApiErrors.InvalidPayload(field, $"The {kind} is not valid: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json reports a string with a lone surrogate escape (\ud800) only when it decodes it.
            throw ApiErrors.InvalidPayload(field, $"The {kind} is not valid: {e.Message}");
        }
    }

    /// <summary>The text of a JSON string member; null when absent or not a string; INVALID_PAYLOAD when it cannot be decoded.</summary>
    public static string? Text(JsonNode? node, string field)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetValue<string>();
        }
        catch (InvalidOperationException e)
        {
            throw ApiErrors.InvalidPayload(field, $"{field} is not a valid string: {e.Message}");
        }
    }

    /// <summary>The objects of an array member (batch writes).</summary>
    public static IReadOnlyList<JsonObject> ObjectArray(JsonObject body, string member)
    {
        if (body[member] is not JsonArray array)
        {
            throw ApiErrors.InvalidPayload(member, $"'{member}' must be an array.");
        }

        var objects = new List<JsonObject>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            objects.Add(array[i] as JsonObject ?? throw ApiErrors.InvalidPayload($"{member}[{i}]", "Each entry must be a JSON object."));
        }

        // Detach so each entry can be edited and deserialized on its own.
        array.Clear();
        return objects;
    }
}
