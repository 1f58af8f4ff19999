using System.Runtime.InteropServices;
using System.Text.Json;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// What PostgreSQL cannot hold: NUL in a <c>text</c> value (rejected as <c>INVALID_PAYLOAD</c>), and a
/// <c>\u0000</c> escape in <c>jsonb</c> (such JSON is stored only as its exact bytes, without the jsonb copy).
/// </summary>
internal static class TextRules
{
    public static void Check(GraphItemInput input, long index)
    {
        switch (input)
        {
            case NodeInput n:
                Text(n.Type, "type", index, n.Id);
                Text(n.Author, "author", index, n.Id);
                Text(n.Version, "version", index, n.Id);
                Text(n.ManifestSignatureId, "manifestSignatureId", index, n.Id);
                Text(n.AuditEventId, "auditEventId", index, n.Id);
                break;
            case EdgeInput e:
                Text(e.Type, "type", index, e.Id);
                Text(e.AuditEventId, "auditEventId", index, e.Id);
                break;
            case AnnotationInput a:
                Text(a.AnnotationType, "annotationType", index, a.Id);
                Text(a.Author, "author", index, a.Id);
                break;
        }
    }

    /// <summary>The exact JSON bytes of an element, as it was written.</summary>
    public static byte[] Raw(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).ToArray();

    /// <summary>The JSON text for the jsonb column, or null when jsonb cannot hold it (a <c>\u0000</c> escape).</summary>
    public static string? ForJsonb(byte[] raw) => HasNulEscape(raw) ? null : System.Text.Encoding.UTF8.GetString(raw);

    /// <summary>Whether JSON text contains the escape <c>\u0000</c> (backslashes only occur inside strings in JSON).</summary>
    public static bool HasNulEscape(ReadOnlySpan<byte> json)
    {
        for (int i = json.IndexOf((byte)'\\'); i >= 0 && i < json.Length - 1; i++)
        {
            if (json[i] != '\\')
            {
                continue;
            }

            if (json[i + 1] == 'u' && i + 5 < json.Length && json.Slice(i + 2, 4).SequenceEqual("0000"u8))
            {
                return true;
            }

            i++; // skip the escaped character, so "\\u0000" (an escaped backslash) does not count
        }

        return false;
    }

    private static void Text(string? value, string field, long index, Guid? id)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw GraphErrors.InvalidPayload(field, $"{field} contains a NUL character, which PostgreSQL text cannot hold.", index, id);
        }
    }
}
