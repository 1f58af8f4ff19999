using ReasoningGraph.Errors;

namespace ReasoningGraph.Signing;

/// <summary>
/// No signature could be produced. <see cref="ReasoningGraphException.ErrorCode"/> is
/// <see cref="ErrorCodes.SigningFailure"/>; nothing signed with it may be published (fail closed).
/// </summary>
public sealed class SigningException : ReasoningGraphException
{
    private readonly bool _transient;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the signer; never key material or credentials.</param>
    /// <param name="transient">True when the same request may succeed later (a remote signer timed out or answered 5xx).</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public SigningException(string message, bool transient, Exception? innerException = null)
        : base(ErrorCodes.SigningFailure, message, innerException)
    {
        _transient = transient;
    }

    /// <inheritdoc/>
    public override bool IsTransient => _transient;
}
