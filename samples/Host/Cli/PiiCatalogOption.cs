using System.CommandLine;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>--pii-catalog FILE</c>, shared by the commands that build operator snapshot payloads (<c>snapshot</c>, and
/// <c>rebuild</c>, which re-builds them to compare): the catalog of docs/REDACTION.md with the salt from <c>PII_SALT</c>
/// and <c>PII_SALT_ID</c>, checked as <c>serve</c> checks <c>PII_CATALOG_FILE</c>, so the CLI redacts exactly as the service did.
/// </summary>
internal static class PiiCatalogOption
{
    public static Option<FileInfo?> Create(string use) => new("--pii-catalog")
    {
        Description = $"A PII catalog (docs/REDACTION.md): {use} "
            + "The PII_HASH salt comes from PII_SALT (base64, at least 16 bytes) and PII_SALT_ID, as for serve.",
        HelpName = "FILE",
    };

    /// <summary>The catalog's snapshot redactor, or null without a catalog.</summary>
    /// <exception cref="UsageException">The catalog or the salt cannot be used.</exception>
    public static ISnapshotRedactor? CreateRedactor(FileInfo? catalog)
    {
        if (catalog is null)
        {
            return null;
        }

        try
        {
            var options = EnvironmentSettings.Read(PiiOptions.Read, "--pii-catalog: ") with { CatalogFile = catalog.FullName };
            return PiiConfiguration.CreateSnapshotRedactor(options);
        }
        catch (OptionsValidationException e)
        {
            throw new UsageException($"--pii-catalog: {e.Message}");
        }
    }
}
