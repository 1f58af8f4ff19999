namespace ReasoningGraph.Signing;

/// <summary>How a signer's last real signature went: health read from work already done, not from a probe.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Failure">Why it failed; null when it succeeded.</param>
public sealed record SigningOutcome(DateTimeOffset At, string? Failure)
{
    /// <summary>True when the signature was made.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>A signer that remembers how its last signature went (a remote signer, which can fail).</summary>
public interface ISigningOutcomeSource
{
    /// <summary>The last signature's outcome, or null before the first.</summary>
    SigningOutcome? LastOutcome { get; }
}
