using System.Runtime.InteropServices;

namespace ReasoningGraph.Canonicalization.Internal;

internal enum JsonTokenKind : byte
{
    Object,
    Array,
    String,
    Key,
    Number,
    True,
    False,
    Null,
}

[Flags]
internal enum JsonTokenFlags : byte
{
    None = 0,

    /// <summary>String or key: holds a backslash escape, or a raw U+2028/U+2029, so it must be re-escaped.</summary>
    NeedsRewrite = 1,

    /// <summary>Key: its unescaped bytes live in the key scratch buffer (see <see cref="JsonToken.Aux"/>).</summary>
    KeyInScratch = 2,

    /// <summary>Number: already in canonical form in the input (short integer), copied verbatim.</summary>
    Verbatim = 4,

    /// <summary>Number: <see cref="JsonToken.Aux"/> holds the bits of the parsed double.</summary>
    HasDouble = 8,

    /// <summary>Number: a short decimal literal laid out from its own digits (see <see cref="ShortDecimal"/>).</summary>
    ShortDecimal = 16,
}

/// <summary>
/// One entry of the flat token tape. Containers are written before their children, so a document is a
/// pre-order sequence and needs no per-node objects.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct JsonToken
{
    /// <summary>Strings and keys: offset of the content after the opening quote. Numbers: first byte.
    /// Objects: first slot of their members in the member table.</summary>
    public int Start;

    /// <summary>Strings, keys, numbers: raw byte length. Objects: member count.</summary>
    public int Length;

    /// <summary>Containers: index one past their last descendant. Numbers: double bits.
    /// Keys in scratch: (offset &lt;&lt; 32) | length.</summary>
    public long Aux;

    public JsonTokenKind Kind;
    public JsonTokenFlags Flags;
}
