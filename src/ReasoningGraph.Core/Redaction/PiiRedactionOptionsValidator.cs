using Microsoft.Extensions.Options;
using ReasoningGraph.Redaction.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Redaction;

/// <summary>Checks <see cref="PiiRedactionOptions"/>, loading the catalog file so a bad catalog stops start-up.</summary>
internal sealed class PiiRedactionOptionsValidator : IValidateOptions<PiiRedactionOptions>
{
    public ValidateOptionsResult Validate(string? name, PiiRedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = SaltRules.Check(options.Salt.Length, options.SaltId);
        if ((options.CatalogPath is null) == (options.Catalog is null))
        {
            problems.Add("Exactly one of CatalogPath and Catalog must be set.");
        }
        else if (options.CatalogPath is { } path)
        {
            try
            {
                PiiCatalog.LoadFile(path);
            }
            catch (Exception e) when (e is ReasoningGraphException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"The PII catalog '{path}' cannot be used: {e.Message}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The redactor the options describe (after validation).</summary>
    public static PiiRedactor Create(PiiRedactionOptions options) =>
        new(options.Catalog ?? PiiCatalog.LoadFile(options.CatalogPath!), options.Salt.Span, options.SaltId!);
}
