namespace ReasoningGraph.Host.Security;

/// <summary>What a caller may do. JWT scopes use the same strings.</summary>
internal static class Capabilities
{
    /// <summary>Write nodes, edges and annotations (the Kernel only).</summary>
    public const string Write = "reasoning:write";

    /// <summary>Read nodes, traces, explanations and queries (PII redacted).</summary>
    public const string ReadTrace = "read:trace";

    /// <summary>Read payloads unredacted.</summary>
    public const string ReadPii = "read:pii";

    /// <summary>Export auditor snapshots that include PII.</summary>
    public const string ExportPii = "export:pii";

    /// <summary>Turn the graph's operator switches (signing hold, read-only) on and off: <c>/admin/controls</c>.</summary>
    public const string Admin = "admin";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Write, ReadTrace, ReadPii, ExportPii, Admin };

    /// <summary>A certificate in the Kernel allow-list.</summary>
    public static IReadOnlySet<string> Kernel { get; } = new HashSet<string>(StringComparer.Ordinal) { Write, ReadTrace };

    /// <summary>A certificate from the trusted CA whose CN is not the Kernel's: an internal reader.</summary>
    public static IReadOnlySet<string> CertifiedReader { get; } = new HashSet<string>(StringComparer.Ordinal) { ReadTrace };
}
