namespace ReasoningGraph.Canonicalization;

/// <summary>
/// Why a document was rejected by the canonicalizer. The string values are the stable codes shared
/// with the Go Kernel's test vectors (<c>invalid-json</c>, <c>duplicate-key</c>, ...).
/// </summary>
public static class CanonicalJsonError
{
    /// <summary>Anything the strict RFC 8259 grammar rejects.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>Two members of one object have equal keys after unescaping.</summary>
    public const string DuplicateKey = "duplicate-key";

    /// <summary>The input bytes are not well-formed UTF-8.</summary>
    public const string InvalidUtf8 = "invalid-utf8";

    /// <summary>A surrogate escape without its partner.</summary>
    public const string LoneSurrogate = "lone-surrogate";

    /// <summary>A number whose nearest double is infinite.</summary>
    public const string NumberOutOfRange = "number-out-of-range";

    /// <summary>Arrays and objects nested deeper than the configured maximum.</summary>
    public const string MaxDepth = "max-depth";
}
