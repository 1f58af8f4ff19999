namespace ReasoningGraph.Audit;

/// <summary>When a write's audit event is signed.</summary>
public enum AuditSigningMode
{
    /// <summary>
    /// In the write's transaction when the signer answers within a short budget; otherwise the event is chained and
    /// committed with its signature pending, and a background worker signs it when the signer is back (the write
    /// succeeds during a signer outage). The default.
    /// </summary>
    Deferred,

    /// <summary>Always in the write's transaction: a write fails with <c>SIGNING_FAILURE</c> when it cannot be signed.</summary>
    Inline,
}
