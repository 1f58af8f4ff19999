namespace ReasoningGraph.Redaction;

/// <summary>What the redactor puts in place of a catalogued value.</summary>
public enum RedactionMode
{
    /// <summary><c>REDACTED_SUMMARY</c>: the value becomes the string <c>"[REDACTED:LABEL]"</c> (see <see cref="PiiCatalogField.Label"/>).</summary>
    RedactedSummary,

    /// <summary>
    /// <c>PII_HASH</c>: the value becomes <c>"sha256:&lt;saltId&gt;:&lt;hex&gt;"</c>, the lowercase hex HMAC-SHA256, keyed with
    /// the configured salt, of the value's canonical JSON bytes (kernel profile) — so equal values give equal
    /// hashes whatever their type or formatting, and readers can join on them without seeing them.
    /// </summary>
    PiiHash,

    /// <summary><c>FULL_REMOVAL</c>: an object member is removed; an array element is removed too (the array gets shorter).</summary>
    FullRemoval,
}
