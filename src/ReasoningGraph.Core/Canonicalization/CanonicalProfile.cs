namespace ReasoningGraph.Canonicalization;

/// <summary>The canonical JSON dialects.</summary>
public enum CanonicalProfile
{
    /// <summary>
    /// Byte-identical to the Go Kernel: keys sorted by UTF-8 bytes, U+2028/U+2029 escaped,
    /// negative zero written <c>-0</c>.
    /// </summary>
    Kernel = 0,

    /// <summary>RFC 8785 (JCS): keys sorted by UTF-16 code units, negative zero written <c>0</c>.</summary>
    Rfc8785 = 1,
}
