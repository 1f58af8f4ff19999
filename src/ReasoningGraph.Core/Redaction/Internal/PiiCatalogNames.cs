namespace ReasoningGraph.Redaction.Internal;

/// <summary>The catalog's spelling of categories and modes (<c>DIRECT_IDENTIFIER</c>, <c>PII_HASH</c>, …).</summary>
internal static class PiiCatalogNames
{
    private static readonly (string Name, PiiCategory Value)[] Categories =
    [
        ("DIRECT_IDENTIFIER", PiiCategory.DirectIdentifier),
        ("QUASI_IDENTIFIER", PiiCategory.QuasiIdentifier),
        ("SENSITIVE", PiiCategory.Sensitive),
        ("NON_PII", PiiCategory.NonPii),
    ];

    private static readonly (string Name, RedactionMode Value)[] Modes =
    [
        ("REDACTED_SUMMARY", RedactionMode.RedactedSummary),
        ("PII_HASH", RedactionMode.PiiHash),
        ("FULL_REMOVAL", RedactionMode.FullRemoval),
    ];

    public static string CategoryList { get; } = string.Join(", ", Categories.Select(c => c.Name));

    public static string ModeList { get; } = string.Join(", ", Modes.Select(m => m.Name));

    public static string Category(PiiCategory category) => Categories.First(c => c.Value == category).Name;

    public static bool TryParseCategory(string name, out PiiCategory category) => TryFind(Categories, name, out category);

    public static bool TryParseMode(string name, out RedactionMode mode) => TryFind(Modes, name, out mode);

    private static bool TryFind<T>((string Name, T Value)[] table, string name, out T value)
    {
        foreach (var entry in table)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }
}
