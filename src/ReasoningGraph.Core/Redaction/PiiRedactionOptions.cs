namespace ReasoningGraph.Redaction;

/// <summary>Settings of the registered <see cref="IPiiRedactor"/>. Validated at start-up; one error lists every problem.</summary>
public sealed class PiiRedactionOptions
{
    /// <summary>The catalog file (UTF-8 JSON). Default: null. Exactly one of this and <see cref="Catalog"/> is set.</summary>
    public string? CatalogPath { get; set; }

    /// <summary>A catalog built in code. Default: null. Exactly one of this and <see cref="CatalogPath"/> is set.</summary>
    public PiiCatalog? Catalog { get; set; }

    /// <summary>The HMAC-SHA256 key of <c>PII_HASH</c>, at least 16 bytes. Default: empty (invalid: there is no safe default).</summary>
    public ReadOnlyMemory<byte> Salt { get; set; }

    /// <summary>The salt's name in hashes, 1–64 of <c>A-Z a-z 0-9 . _ -</c>. Default: null (invalid).</summary>
    public string? SaltId { get; set; }
}
