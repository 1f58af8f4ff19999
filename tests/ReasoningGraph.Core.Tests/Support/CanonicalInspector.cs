using System.Text;
using System.Text.Json;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Tests.Support;

/// <summary>Independent checks of canonical output, written without the canonicalizer's own code.</summary>
public static class CanonicalInspector
{
    /// <summary>True when no insignificant whitespace is outside strings.</summary>
    public static bool HasNoInsignificantWhitespace(byte[] canonical)
    {
        bool inString = false, escaped = false;
        foreach (byte b in canonical)
        {
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                return false;
            }

            inString = b == (byte)'"';
        }

        return true;
    }

    /// <summary>True when every object's keys are unique and strictly ascending in the profile's order.</summary>
    public static bool KeysUniqueAndSorted(JsonElement element, CanonicalProfile profile)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                string? previous = null;
                foreach (var member in element.EnumerateObject())
                {
                    if (previous is not null && Compare(previous, member.Name, profile) >= 0)
                    {
                        return false;
                    }

                    previous = member.Name;
                    if (!KeysUniqueAndSorted(member.Value, profile))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(item => KeysUniqueAndSorted(item, profile));
            default:
                return true;
        }
    }

    /// <summary>True when the parsed canonical output denotes the same value as the generated tree.</summary>
    public static bool SameValue(JsonTree tree, JsonElement element, CanonicalProfile profile) => tree switch
    {
        JsonLiteral literal => element.GetRawText() == literal.Text,
        JsonText text => element.ValueKind == JsonValueKind.String && element.GetString() == text.Value,
        JsonNumber number => element.ValueKind == JsonValueKind.Number && SameNumber(number.Value, element.GetDouble(), profile),
        JsonArray array => element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == array.Items.Count
            && array.Items.Zip(element.EnumerateArray()).All(p => SameValue(p.First, p.Second, profile)),
        JsonObject obj => element.ValueKind == JsonValueKind.Object && element.EnumerateObject().Count() == obj.Members.Count
            && obj.Members.All(m => element.TryGetProperty(m.Key, out var value) && SameValue(m.Value, value, profile)),
        _ => false,
    };

    private static bool SameNumber(double expected, double actual, CanonicalProfile profile) =>
        expected.Equals(actual) && (profile == CanonicalProfile.Rfc8785 || double.IsNegative(expected) == double.IsNegative(actual));

    private static int Compare(string a, string b, CanonicalProfile profile) => profile == CanonicalProfile.Kernel
        ? Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b))
        : string.CompareOrdinal(a, b);
}
