using ReasoningGraph.Model;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// The redactor used when no PII catalog is configured: an empty catalog, so nothing is catalogued and nothing
/// changes. Its <see cref="PolicyVersion"/> is <c>none</c>, which tells auditors that no PII policy was applied.
/// </summary>
internal sealed class UncataloguedRedactor : ISnapshotRedactor
{
    /// <summary>The <c>pii_policy_version</c> of snapshots built without a catalog.</summary>
    public const string NoPolicy = "none";

    /// <summary>The shared instance.</summary>
    public static UncataloguedRedactor Instance { get; } = new();

    /// <inheritdoc/>
    public string PolicyVersion => NoPolicy;

    /// <inheritdoc/>
    public GraphItem Redact(GraphItem item) => item ?? throw new ArgumentNullException(nameof(item));
}
