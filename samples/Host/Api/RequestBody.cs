using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// Reads request bodies (checked by <see cref="JsonBody"/>). Inputs go through the library's own JSON contract
/// (<see cref="GraphJson.Input"/>) so the API accepts exactly the fields DESIGN.md names, and refuses any other; the
/// host only adds the <c>kind</c> the route already implies.
/// </summary>
internal static class RequestBody
{
    /// <summary>The canonical profile's depth limit, which <see cref="JsonBody"/> has already enforced (the parser's default is 64).</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private static readonly Lazy<IReadOnlySet<string>> NodeFields = new(() => ContractFields(typeof(NodeInput)));
    private static readonly Lazy<IReadOnlySet<string>> EdgeFields = new(() => ContractFields(typeof(EdgeInput)));
    private static readonly Lazy<IReadOnlySet<string>> AnnotationFields = new(() => ContractFields(typeof(AnnotationInput)));

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        byte[] body = await JsonBody.ReadAsync(request, cancellationToken);

        // Checked by JsonBody (UTF-8, duplicate keys, depth), so parsing cannot fail.
        return JsonNode.Parse(body, documentOptions: DocumentOptions) as JsonObject ?? throw ApiErrors.InvalidPayload("body", "The body must be a JSON object.");
    }

    /// <summary>One node, edge or annotation input from a JSON object (which this call takes over).</summary>
    public static T ToInput<T>(JsonObject body, string kind, string field = "body")
        where T : GraphItemInput
    {
        if (body.ContainsKey("kind"))
        {
            throw ApiErrors.InvalidPayload(field + ".kind", "'kind' is implied by the route and must not be sent.");
        }

        RefuseUnknownFields(body, kind, field);
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

    /// <summary>A field the input contract does not have would otherwise be dropped without a word.</summary>
    private static void RefuseUnknownFields(JsonObject body, string kind, string field)
    {
        var known = FieldsOf(kind);
        foreach (var member in body)
        {
            if (!known.Contains(member.Key))
            {
                throw ApiErrors.InvalidPayload(
                    $"{field}.{member.Key}", $"'{member.Key}' is not a field of a {kind}; the fields are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    private static IReadOnlySet<string> FieldsOf(string kind) => kind switch
    {
        "node" => NodeFields.Value,
        "edge" => EdgeFields.Value,
        _ => AnnotationFields.Value,
    };

    /// <summary>The JSON names of an input type, read from the library's own contract so the two cannot drift.</summary>
    private static HashSet<string> ContractFields(Type type) =>
        GraphJson.Input.Options.GetTypeInfo(type).Properties.Select(p => p.Name).Where(name => name != "kind").ToHashSet(StringComparer.Ordinal);

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

        foreach (var other in body)
        {
            if (other.Key != member && other.Key != "audit_context")
            {
                throw ApiErrors.InvalidPayload(other.Key, $"'{other.Key}' is not a field of a batch; the fields are {member} and audit_context.");
            }
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
