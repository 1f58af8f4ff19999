using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// The host's write-body reading before issue 14 (a JsonNode tree, edited, then deserialized polymorphically), kept
/// verbatim as the oracle the new reader is compared with, and as the baseline of its benchmark.
/// </summary>
internal static class LegacyRequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static NodeInput Node(byte[] body) => ToInput<NodeInput>(ReadObject(body), "node");

    public static EdgeInput Edge(byte[] body) => ToInput<EdgeInput>(ReadObject(body), "edge");

    public static List<GraphItemInput> Nodes(byte[] body)
    {
        var root = ReadObject(body);
        string? manifestSignatureId = ManifestSignatureId(root);
        var inputs = new List<GraphItemInput>();
        var entries = ObjectArray(root, "nodes");
        for (int i = 0; i < entries.Count; i++)
        {
            if (manifestSignatureId is not null && !entries[i].ContainsKey("manifestSignatureId"))
            {
                entries[i]["manifestSignatureId"] = manifestSignatureId;
            }

            inputs.Add(ToInput<NodeInput>(entries[i], "node", $"nodes[{i}]"));
        }

        return inputs;
    }

    public static List<GraphItemInput> Edges(byte[] body)
    {
        var root = ReadObject(body);
        _ = ManifestSignatureId(root);
        var entries = ObjectArray(root, "edges");
        var inputs = new List<GraphItemInput>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            inputs.Add(ToInput<EdgeInput>(entries[i], "edge", $"edges[{i}]"));
        }

        return inputs;
    }

    public static AnnotationInput Annotation(byte[] body, Guid target)
    {
        var root = ReadObject(body);
        if (root["targetId"] is { } given && (!Guid.TryParse(Text(given, "targetId"), out var sent) || sent != target))
        {
            throw Invalid("targetId", "targetId, when sent, must equal the id in the path.");
        }

        root["targetId"] = target.ToString();
        root["targetType"] ??= "node";
        return ToInput<AnnotationInput>(root, "annotation");
    }

    private static JsonObject ReadObject(byte[] body) =>
        JsonNode.Parse(body, documentOptions: DocumentOptions) as JsonObject ?? throw Invalid("body", "The body must be a JSON object.");

    private static T ToInput<T>(JsonObject body, string kind, string field = "body")
        where T : GraphItemInput
    {
        if (body.ContainsKey("kind"))
        {
            throw Invalid(field + ".kind", "'kind' is implied by the route and must not be sent.");
        }

        var known = GraphJson.Input.Options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).Where(name => name != "kind").ToHashSet(StringComparer.Ordinal);
        foreach (var member in body)
        {
            if (!known.Contains(member.Key))
            {
                throw Invalid($"{field}.{member.Key}", $"'{member.Key}' is not a field of a {kind}; the fields are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }

        body["kind"] = kind;
        try
        {
            return body.Deserialize(GraphJson.Input) as T ?? throw Invalid(field, $"The {kind} is empty.");
        }
        catch (JsonException e)
        {
            throw Invalid(field, $"The {kind} is not valid: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw Invalid(field, $"The {kind} is not valid: {e.Message}");
        }
    }

    private static string? Text(JsonNode? node, string field)
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
            throw Invalid(field, $"{field} is not a valid string: {e.Message}");
        }
    }

    private static List<JsonObject> ObjectArray(JsonObject body, string member)
    {
        if (body[member] is not JsonArray array)
        {
            throw Invalid(member, $"'{member}' must be an array.");
        }

        foreach (var other in body)
        {
            if (other.Key != member && other.Key != "audit_context")
            {
                throw Invalid(other.Key, $"'{other.Key}' is not a field of a batch; the fields are {member} and audit_context.");
            }
        }

        var objects = new List<JsonObject>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            objects.Add(array[i] as JsonObject ?? throw Invalid($"{member}[{i}]", "Each entry must be a JSON object."));
        }

        array.Clear();
        return objects;
    }

    private static string? ManifestSignatureId(JsonObject body) => body["audit_context"] switch
    {
        null => null,
        JsonObject context when context.Any(m => m.Key != "kernel_manifest_signature_id") =>
            throw Invalid("audit_context", "audit_context holds only kernel_manifest_signature_id."),
        JsonObject context => context["kernel_manifest_signature_id"] switch
        {
            null => null,
            var value => Text(value, "audit_context.kernel_manifest_signature_id") is { } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : throw Invalid("audit_context.kernel_manifest_signature_id", "Must be a non-empty string."),
        },
        _ => throw Invalid("audit_context", "Must be a JSON object."),
    };

    private static ReasoningGraphException Invalid(string field, string message) => GraphErrors.InvalidPayload(field, message);
}
