using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Errors;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Model;

/// <summary>
/// The model rules a write must satisfy before it reaches a store: accepted types, required fields, JSON
/// objects that can be canonicalized (so they can be hashed and signed), the payload size limit.
/// </summary>
internal sealed class GraphItemValidator(GraphLimits options)
{
    /// <summary>Checks every input; throws <c>INVALID_PAYLOAD</c> naming the first offending field.</summary>
    /// <param name="batch">The inputs.</param>
    /// <param name="allowCreatedAt">Imports and replays may carry <c>createdAt</c>; ordinary writes may not.</param>
    /// <param name="keepMembers">Whether to keep the canonical bytes the checks make (for a store that hashes its items).</param>
    /// <returns>Each input's canonical JSON members, by position, for its entity hash; null when not kept.</returns>
    public CanonicalMembers[]? Validate(GraphBatch batch, bool allowCreatedAt, bool keepMembers)
    {
        var members = keepMembers ? new CanonicalMembers[batch.Count] : null;
        for (int i = 0; i < batch.Count; i++)
        {
            var kept = Validate(batch[i], i, allowCreatedAt, keepMembers);
            if (members is not null)
            {
                members[i] = kept;
            }
        }

        return members;
    }

    private CanonicalMembers Validate(GraphItemInput input, int index, bool allowCreatedAt, bool keep)
    {
        if (input.Id == Guid.Empty)
        {
            throw GraphErrors.InvalidPayload("id", "The id must not be the nil UUID.", index);
        }

        if (input.CreatedAt is not null && !allowCreatedAt)
        {
            throw GraphErrors.InvalidPayload("createdAt", "createdAt is assigned by the store; only imports may carry it.", index, input.Id);
        }

        switch (input)
        {
            case NodeInput node:
                Type(node.Type, options.NodeTypes, "node", index, node.Id);
                Text(node.Author, "author", index, node.Id);
                return new(Json(node.Payload, "payload", index, node.Id, limitSize: true, keep), OptionalJson(node.Metadata, index, node.Id, keep));
            case EdgeInput edge:
                Type(edge.Type, options.EdgeTypes, "edge", index, edge.Id);
                Reference(edge.From, "from", index, edge.Id);
                Reference(edge.To, "to", index, edge.Id);
                if (edge.Weight is { } weight && !double.IsFinite(weight))
                {
                    throw GraphErrors.InvalidPayload("weight", "The weight must be a finite number.", index, edge.Id);
                }

                return new(null, OptionalJson(edge.Metadata, index, edge.Id, keep));
            case AnnotationInput annotation:
                Reference(annotation.TargetId, "targetId", index, annotation.Id);
                if (annotation.TargetType is not (AnnotationTargetType.Node or AnnotationTargetType.Edge))
                {
                    throw GraphErrors.InvalidPayload("targetType", "targetType must be 'node' or 'edge'.", index, annotation.Id);
                }

                Text(annotation.AnnotationType, "annotationType", index, annotation.Id);
                Text(annotation.Author, "author", index, annotation.Id);
                return new(Json(annotation.Payload, "payload", index, annotation.Id, limitSize: true, keep), null);
            default:
                throw new ArgumentException("Unknown input type.", nameof(input));
        }
    }

    private static void Type(string? type, FrozenSet<string> accepted, string kind, int index, Guid? id)
    {
        if (string.IsNullOrEmpty(type) || !accepted.Contains(type))
        {
            // The accepted set is small and configured: naming it (in the message, and as the `accepted` detail a client
            // can read) saves the caller a trip to the docs.
            string list = string.Join(", ", accepted.Order(StringComparer.Ordinal));
            var refusal = GraphErrors.InvalidPayload("type", $"'{type}' is not an accepted {kind} type; accepted: {list}.", index, id);
            throw new ReasoningGraphException(refusal.ErrorCode, refusal.Message)
            {
                Details = new Dictionary<string, string>(refusal.Details) { ["accepted"] = list },
            };
        }
    }

    private static void Text(string? value, string field, int index, Guid? id)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw GraphErrors.InvalidPayload(field, $"{field} is required.", index, id);
        }
    }

    private static void Reference(Guid value, string field, int index, Guid? id)
    {
        if (value == Guid.Empty)
        {
            throw GraphErrors.InvalidPayload(field, $"{field} must be a node or edge id, not the nil UUID.", index, id);
        }
    }

    private byte[]? OptionalJson(JsonElement? metadata, int index, Guid? id, bool keep) =>
        metadata is { } value ? Json(value, "metadata", index, id, limitSize: false, keep) : null;

    /// <summary>The member's canonical bytes when kept; null when not kept, or valid but too deep to be hashed by splicing.</summary>
    private byte[]? Json(JsonElement value, string field, int index, Guid? id, bool limitSize, bool keep)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw GraphErrors.InvalidPayload(field, $"{field} must be a JSON object.", index, id);
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (limitSize && raw.Length > options.MaxPayloadBytes)
        {
            throw GraphErrors.InvalidPayload(field, $"{field} is {raw.Length} bytes; the limit is {options.MaxPayloadBytes}.", index, id, "too-large");
        }

        try
        {
            if (!keep)
            {
                CanonicalJson.Canonicalize(raw, NullBufferWriter.Instance);
                return null;
            }

            try
            {
                return CanonicalJson.Canonicalize(raw, CanonicalMembers.NestedOptions);
            }
            catch (CanonicalizationException e) when (e.Reason == CanonicalJsonError.MaxDepth)
            {
                // Scanned alike up to the container one level too deep, so any other error would have come first.
                CanonicalJson.Canonicalize(raw, NullBufferWriter.Instance);
                return null;
            }
        }
        catch (CanonicalizationException e)
        {
            CanonicalizationMetrics.Failures.Add(e.Reason);
            throw GraphErrors.InvalidPayload(field, $"{field} cannot be canonicalized: {e.Reason}.", index, id, e.Reason);
        }
    }
}
