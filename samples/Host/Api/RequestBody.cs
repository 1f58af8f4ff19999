using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// Reads write bodies (checked by <c>JsonBody</c>) straight from their bytes into the library's input types,
/// with no document tree in between: one pass over the member names refuses a <c>kind</c> (the route implies it) and
/// any field the contract does not have (which it would otherwise drop without a word), then the contract reads each
/// input from its own bytes.
/// </summary>
internal static class RequestBody
{
    /// <summary>A single-input body.</summary>
    public static T One<T>(byte[] body, InputContract<T> contract)
        where T : GraphItemInput =>
        Read(body, BodyMembers.Of(body) ?? throw NotAnObject(), contract, "body");

    /// <summary>
    /// A batch body, <c>{"nodes": […], "audit_context": {…}}</c>; <paramref name="withManifest"/> gives the batch's
    /// manifest signature id to each entry that does not name its own.
    /// </summary>
    public static List<GraphItemInput> Batch<T>(byte[] body, InputContract<T> contract, string member, Func<T, string, T>? withManifest = null)
        where T : GraphItemInput
    {
        var members = BodyMembers.Of(body) ?? throw NotAnObject();
        string? manifestSignatureId = AuditContext.ManifestSignatureId(body, members);
        if (BodyMembers.Find(members, member) is not { Token: JsonTokenType.StartArray } array)
        {
            throw ApiErrors.InvalidPayload(member, $"'{member}' must be an array.");
        }

        foreach (var other in members)
        {
            if (other.Name != member && other.Name != "audit_context")
            {
                throw ApiErrors.InvalidPayload(other.Name, $"'{other.Name}' is not a field of a batch; the fields are {member} and audit_context.");
            }
        }

        // Every entry must be an object before any is read, so that refusal wins wherever it is.
        var elements = body.AsSpan(array.Value);
        var entries = BodyMembers.Objects(elements, member);
        var inputs = new List<GraphItemInput>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = elements[entries[i]];
            var fields = BodyMembers.Of(entry)!;
            T input = Read(entry, fields, contract, $"{member}[{i}]");
            bool ownManifest = BodyMembers.Find(fields, "manifestSignatureId") is not null;
            inputs.Add(manifestSignatureId is not null && withManifest is not null && !ownManifest ? withManifest(input, manifestSignatureId) : input);
        }

        return inputs;
    }

    /// <summary>
    /// An annotation of <paramref name="target"/>, which the path names. The contract requires targetId and targetType,
    /// which this route implies, so those two are written into a copy of the body's members (not a tree) first: the
    /// path's id over any the body sent (in any form <see cref="Guid.TryParse(string?, out Guid)"/> takes), and
    /// <c>node</c> for a targetType that is missing or null.
    /// </summary>
    public static AnnotationInput Annotation(byte[] body, Guid target)
    {
        var members = BodyMembers.Of(body) ?? throw NotAnObject();
        BodyMember? targetId = BodyMembers.Find(members, "targetId"), targetType = BodyMembers.Find(members, "targetType");
        if (targetId is { Token: not JsonTokenType.Null } given
            && (!Guid.TryParse(BodyMembers.Text(body, given, "targetId"), out var sent) || sent != target))
        {
            throw ApiErrors.InvalidPayload("targetId", "targetId, when sent, must equal the id in the path.");
        }

        var contract = InputContracts.Annotation;
        Refuse(members, contract, "body");
        var implied = new ArrayBufferWriter<byte>(body.Length + 80);
        using (var writer = new Utf8JsonWriter(implied))
        {
            writer.WriteStartObject();
            foreach (var member in members)
            {
                if (member.Name == "targetId")
                {
                    writer.WriteString(member.Name, target);
                }
                else if (member.Name == "targetType" && member.Token == JsonTokenType.Null)
                {
                    writer.WriteString(member.Name, "node");
                }
                else
                {
                    writer.WritePropertyName(member.Name);
                    writer.WriteRawValue(body.AsSpan(member.Value), skipInputValidation: true);
                }
            }

            if (targetId is null)
            {
                writer.WriteString("targetId", target);
            }

            if (targetType is null)
            {
                writer.WriteString("targetType", "node");
            }

            writer.WriteEndObject();
        }

        return Deserialize(implied.WrittenSpan, contract, "body");
    }

    private static T Read<T>(ReadOnlySpan<byte> json, List<BodyMember> members, InputContract<T> contract, string field)
        where T : GraphItemInput
    {
        Refuse(members, contract, field);
        return Deserialize(json, contract, field);
    }

    /// <summary>A <c>kind</c> first, wherever it is; then the first field the contract does not have.</summary>
    private static void Refuse<T>(List<BodyMember> members, InputContract<T> contract, string field)
        where T : GraphItemInput
    {
        if (BodyMembers.Find(members, "kind") is not null)
        {
            throw ApiErrors.InvalidPayload(field + ".kind", "'kind' is implied by the route and must not be sent.");
        }

        foreach (var member in members)
        {
            if (!contract.Fields.Contains(member.Name))
            {
                throw ApiErrors.InvalidPayload(
                    $"{field}.{member.Name}", $"'{member.Name}' is not a field of a {contract.Kind}; the fields are {contract.FieldList}.");
            }
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> json, InputContract<T> contract, string field)
        where T : GraphItemInput
    {
        try
        {
            return JsonSerializer.Deserialize(json, contract.TypeInfo) ?? throw ApiErrors.InvalidPayload(field, $"The {contract.Kind} is empty.");
        }
        catch (JsonException e)
        {
            throw Unreadable(json, contract, field, e.Path);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reports a string with a lone surrogate escape (\ud800) only when it decodes it, and then
            // as a JsonException with its path; this is in case it ever does not, without one.
            throw Unreadable(json, contract, field, path: null);
        }
    }

    /// <summary>
    /// The contract's refusal of <paramref name="json"/> in a client's terms. The serializer's messages are written for
    /// .NET developers (they name the input's type, advise on nullability annotations, count bytes), so only its path is
    /// taken from them, to name the member; what the member must be comes from the contract. A path that names no member
    /// is the object's end, where the serializer finds required members missing; any refusal this cannot place is still
    /// INVALID_PAYLOAD, with a message that names no type.
    /// </summary>
    private static Errors.ReasoningGraphException Unreadable<T>(ReadOnlySpan<byte> json, InputContract<T> contract, string field, string? path)
        where T : GraphItemInput
    {
        var members = BodyMembers.Of(json)!;
        if (ValueExpectation.MemberOf(path) is { } name && contract.Fields.Contains(name))
        {
            string at = $"{field}.{name}";
            if (BodyMembers.Find(members, name) is { } member && !BodyMembers.IsText(json, member))
            {
                return ApiErrors.InvalidPayload(at, BodyMembers.LoneSurrogate(name));
            }

            return ApiErrors.InvalidPayload(at, contract.Expected.TryGetValue(name, out var expected) ? $"'{name}' must be {expected}." : Generic(contract));
        }

        if (path == "$")
        {
            foreach (string required in contract.Required)
            {
                if (BodyMembers.Find(members, required) is null)
                {
                    return ApiErrors.InvalidPayload($"{field}.{required}", $"'{required}' is required.");
                }
            }
        }

        foreach (var member in path is null ? members : [])
        {
            if (!BodyMembers.IsText(json, member))
            {
                return ApiErrors.InvalidPayload($"{field}.{member.Name}", BodyMembers.LoneSurrogate(member.Name));
            }
        }

        return ApiErrors.InvalidPayload(field, Generic(contract));
    }

    private static string Generic<T>(InputContract<T> contract)
        where T : GraphItemInput => $"The {contract.Kind} is not valid JSON for its fields.";

    private static Errors.ReasoningGraphException NotAnObject() => ApiErrors.InvalidPayload("body", "The body must be a JSON object.");
}

/// <summary>The optional <c>audit_context</c> of batch writes.</summary>
internal static class AuditContext
{
    private const string Field = "audit_context.kernel_manifest_signature_id";

    /// <summary>Its manifest signature id; null when there is none (absent or null at either level).</summary>
    public static string? ManifestSignatureId(ReadOnlySpan<byte> body, List<BodyMember> members)
    {
        if (BodyMembers.Find(members, "audit_context") is not { Token: not JsonTokenType.Null } context)
        {
            return null;
        }

        var inner = context.Token == JsonTokenType.StartObject ? BodyMembers.Of(body[context.Value])! : throw ApiErrors.InvalidPayload("audit_context", "Must be a JSON object.");
        if (inner.Exists(m => m.Name != "kernel_manifest_signature_id"))
        {
            throw ApiErrors.InvalidPayload("audit_context", "audit_context holds only kernel_manifest_signature_id.");
        }

        if (BodyMembers.Find(inner, "kernel_manifest_signature_id") is not { Token: not JsonTokenType.Null } value)
        {
            return null;
        }

        return BodyMembers.Text(body[context.Value], value, Field) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw ApiErrors.InvalidPayload(Field, "Must be a non-empty string.");
    }
}
