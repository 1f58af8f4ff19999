using System.Collections.ObjectModel;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Redaction;

/// <summary>
/// The PII catalog: which values of payloads and metadata are personal data and how each is redacted for readers
/// without <c>read:pii</c>. Read from JSON <c>{"policy_version": "…", "fields": [{"json_path", "category", "mode"?, "label"?}]}</c>
/// with <see cref="Parse(ReadOnlySpan{byte})"/>, <see cref="Load"/> or <see cref="LoadFile"/>. Immutable.
/// </summary>
public sealed partial class PiiCatalog
{
    /// <summary>Creates a catalog.</summary>
    /// <param name="policyVersion">The catalog's version, recorded in snapshots as <c>pii_policy_version</c>.</param>
    /// <param name="fields">The entries; no two with the same path.</param>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the bad field.</exception>
    public PiiCatalog(string policyVersion, IEnumerable<PiiCatalogField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (string.IsNullOrWhiteSpace(policyVersion))
        {
            throw GraphErrors.InvalidPayload("policy_version", "policy_version must be a non-empty string.", reason: "missing");
        }

        var list = fields.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(fields));
            if (!seen.Add(list[i].JsonPath))
            {
                throw GraphErrors.InvalidPayload(
                    $"fields[{i}].json_path", $"The path '{list[i].JsonPath}' is catalogued twice.", index: i, reason: "duplicate-path");
            }
        }

        PolicyVersion = policyVersion;
        Fields = new ReadOnlyCollection<PiiCatalogField>(list);
    }

    /// <summary>The catalog's version.</summary>
    public string PolicyVersion { get; }

    /// <summary>The entries in catalog order.</summary>
    public IReadOnlyList<PiiCatalogField> Fields { get; }
}
