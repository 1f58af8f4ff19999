namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// PII redaction (docs/REDACTION.md): <c>PII_CATALOG_FILE</c>, <c>PII_SALT</c> (base64: the key of <c>PII_HASH</c>)
/// and <c>PII_SALT_ID</c> (names the salt in hashes). The redaction options' own validation checks the catalog, the
/// salt's length and the id at start-up.
/// </summary>
internal sealed record PiiOptions
{
    /// <summary>The catalog file. Default: none, nothing is redacted.</summary>
    public string? CatalogFile { get; init; }

    /// <summary>The salt's bytes. Default: empty (refused by the validation when a catalog is set).</summary>
    public byte[] Salt { get; init; } = [];

    /// <summary>The salt's id.</summary>
    public string? SaltId { get; init; }

    public static PiiOptions Read(SettingsReader settings) => new()
    {
        CatalogFile = settings.Text("PII_CATALOG_FILE"),
        Salt = settings.Base64("PII_SALT") ?? [],
        SaltId = settings.Text("PII_SALT_ID"),
    };
}
