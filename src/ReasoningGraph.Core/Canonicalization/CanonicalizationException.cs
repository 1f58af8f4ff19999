using ReasoningGraph.Errors;

namespace ReasoningGraph.Canonicalization;

/// <summary>
/// A document could not be canonicalized. <see cref="ReasoningGraphException.ErrorCode"/> is
/// <see cref="ErrorCodes.CanonicalizationError"/>; <see cref="Reason"/> says why.
/// </summary>
public sealed class CanonicalizationException : ReasoningGraphException
{
    /// <summary>Creates the exception for a rejected document.</summary>
    /// <param name="reason">One of <see cref="CanonicalJsonError"/>.</param>
    /// <param name="position">Byte offset in the input where the problem was found.</param>
    public CanonicalizationException(string reason, long position)
        : base(ErrorCodes.CanonicalizationError, $"JSON cannot be canonicalized: {reason} at byte {position}.")
    {
        Reason = reason;
        Position = position;
        Details = new Dictionary<string, string>
        {
            ["reason"] = reason,
            ["position"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The stable rejection code, one of <see cref="CanonicalJsonError"/>.</summary>
    public string Reason { get; }

    /// <summary>Byte offset in the input where the problem was found.</summary>
    public long Position { get; }
}
