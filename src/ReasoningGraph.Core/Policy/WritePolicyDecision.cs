namespace ReasoningGraph.Policy;

/// <summary>The outcome of a pre-write policy evaluation.</summary>
public sealed class WritePolicyDecision
{
    private WritePolicyDecision(bool allowed, string? policyId, string? rationale)
    {
        IsAllowed = allowed;
        PolicyId = policyId;
        Rationale = rationale;
    }

    /// <summary>The write may proceed.</summary>
    public static WritePolicyDecision Allow { get; } = new(true, null, null);

    /// <summary>Whether the write may proceed.</summary>
    public bool IsAllowed { get; }

    /// <summary>The policy that decided a denial.</summary>
    public string? PolicyId { get; }

    /// <summary>Why the write was denied.</summary>
    public string? Rationale { get; }

    /// <summary>A denial.</summary>
    /// <param name="policyId">The deciding policy.</param>
    /// <param name="rationale">Why.</param>
    /// <returns>The decision.</returns>
    public static WritePolicyDecision Deny(string policyId, string rationale)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyId);
        ArgumentException.ThrowIfNullOrEmpty(rationale);
        return new(false, policyId, rationale);
    }
}
