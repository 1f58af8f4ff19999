using ReasoningGraph.Redaction.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Redaction;

/// <summary>One entry of a <see cref="PiiCatalog"/>: where a personal value lives and how to redact it.</summary>
public sealed class PiiCatalogField
{
    /// <summary>Creates an entry; the path and label are checked.</summary>
    /// <param name="jsonPath">
    /// Where the value lives, relative to each JSON document the redactor sees (a node's payload, its metadata, an
    /// edge's metadata, an annotation's payload): <c>$.a.b</c>, <c>$.a[*].b</c>, <c>$..name</c>, plus <c>.*</c>,
    /// <c>[n]</c> and <c>['odd name']</c>.
    /// </param>
    /// <param name="category">The sensitivity.</param>
    /// <param name="mode">The mode; null for the category's default. Must be null for <see cref="PiiCategory.NonPii"/>.</param>
    /// <param name="label">The <c>REDACTED_SUMMARY</c> label (<c>A-Z 0-9 _</c>); null to derive it from the path.</param>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the bad field.</exception>
    public PiiCatalogField(string jsonPath, PiiCategory category, RedactionMode? mode = null, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        if (!Enum.IsDefined(category))
        {
            throw GraphErrors.InvalidPayload("category", $"Unknown PII category {category}.");
        }

        if (category == PiiCategory.NonPii && mode is not null)
        {
            throw GraphErrors.InvalidPayload("mode", "A NON_PII field is never redacted, so it cannot name a mode.", reason: "mode-on-non-pii");
        }

        if (mode is { } m && !Enum.IsDefined(m))
        {
            throw GraphErrors.InvalidPayload("mode", $"Unknown redaction mode {m}.");
        }

        Path = JsonPathPattern.Parse(jsonPath);
        JsonPath = jsonPath;
        Category = category;
        Mode = mode;
        Label = label is null ? PiiLabels.Derive(Path, category) : PiiLabels.Check(label);
    }

    /// <summary>The path as written in the catalog.</summary>
    public string JsonPath { get; }

    /// <summary>The sensitivity.</summary>
    public PiiCategory Category { get; }

    /// <summary>The mode the catalog named, or null when it named none.</summary>
    public RedactionMode? Mode { get; }

    /// <summary>The mode applied: <see cref="Mode"/>, else the category default; null for <see cref="PiiCategory.NonPii"/>.</summary>
    public RedactionMode? EffectiveMode => Mode ?? DefaultMode(Category);

    /// <summary>
    /// The label of <c>"[REDACTED:LABEL]"</c>: the entry's <c>label</c> when given, else the last member name of the
    /// path in upper snake case (<c>$.contact.emailAddress</c> → <c>EMAIL_ADDRESS</c>, <c>$..phone-number</c> →
    /// <c>PHONE_NUMBER</c>), else (a path of wildcards only) the category (<c>DIRECT_IDENTIFIER</c>).
    /// </summary>
    public string Label { get; }

    internal JsonPathPattern Path { get; }

    /// <summary>The mode used for a category when the catalog entry names none.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The default mode, or null for <see cref="PiiCategory.NonPii"/>.</returns>
    public static RedactionMode? DefaultMode(PiiCategory category) => category switch
    {
        PiiCategory.DirectIdentifier => RedactionMode.RedactedSummary,
        PiiCategory.QuasiIdentifier => RedactionMode.PiiHash,
        PiiCategory.Sensitive => RedactionMode.FullRemoval,
        _ => null,
    };
}
