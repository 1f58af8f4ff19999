using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Audit;

/// <summary>
/// Verifies an audit chain given in <c>created_at</c> order: every hash recomputed from the canonical payload and
/// the previous hash, every link, every signature (keys looked up by signer id) and strictly increasing time.
/// Reports the first bad event; the outcome is a return value, not an exception.
/// </summary>
/// <param name="verifier">Looks up public keys and checks signatures.</param>
public sealed class AuditChainVerifier(IDigestVerifier verifier)
{
    private readonly IDigestVerifier _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));

    /// <summary>Verifies a whole chain from its first event.</summary>
    /// <param name="events">The events in <c>created_at</c> order.</param>
    /// <returns>The verdict.</returns>
    public AuditChainVerification Verify(IEnumerable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = new State();
        foreach (var auditEvent in events)
        {
            if (state.Check(auditEvent, _verifier) is { } failure)
            {
                return failure;
            }
        }

        return state.Success();
    }

    /// <summary>Verifies a whole chain from its first event, streamed.</summary>
    /// <param name="events">The events in <c>created_at</c> order.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The verdict.</returns>
    public async Task<AuditChainVerification> VerifyAsync(IAsyncEnumerable<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = new State();
        await foreach (var auditEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (state.Check(auditEvent, _verifier) is { } failure)
            {
                return failure;
            }
        }

        return state.Success();
    }

    private sealed class State
    {
        private long _index;
        private string? _lastHash;
        private DateTimeOffset? _lastTime;
        private long _pending;
        private Guid? _firstPending;

        public AuditChainVerification Success() => new()
        {
            VerifiedCount = _index, LastHash = _lastHash, PendingSignatureCount = _pending, FirstPendingEventId = _firstPending,
        };

        public AuditChainVerification? Check(AuditEvent e, IDigestVerifier verifier)
        {
            ArgumentNullException.ThrowIfNull(e);
            if (!string.Equals(e.PrevHash, _lastHash, StringComparison.Ordinal) && !(_lastHash is null && string.IsNullOrEmpty(e.PrevHash)))
            {
                return Fail(e, AuditChainFailures.BrokenLink, $"prev_hash is '{e.PrevHash}' but the previous event's hash is '{_lastHash}'.");
            }

            if (_lastTime is { } last && e.CreatedAt <= last)
            {
                return Fail(e, AuditChainFailures.TimeNotIncreasing, $"created_at {e.CreatedAt:O} is not after the previous event's {last:O}.");
            }

            if (CanonicalPayload(e) is not { } payload)
            {
                return Fail(e, AuditChainFailures.InvalidPayload, "The payload is not a canonicalizable JSON object whose eventType equals event_type.");
            }

            var hash = AuditChain.ComputeHash(payload, _lastHash);
            if (!string.Equals(Convert.ToHexStringLower(hash), e.Hash, StringComparison.Ordinal))
            {
                return Fail(e, AuditChainFailures.HashMismatch, $"The stored hash '{e.Hash}' differs from the recomputed '{Convert.ToHexStringLower(hash)}'.");
            }

            if (e.Signature is null && e.SignerId is null)
            {
                // Chained, not yet signed: everything but the signature checked out; reported, not a failure.
                _pending++;
                _firstPending ??= e.Id;
            }
            else if (e.Signature is null || e.SignerId is null)
            {
                return Fail(e, AuditChainFailures.BadSignature, "The event has a signer without a signature, or a signature without a signer.");
            }
            else if (!verifier.IsKnownSigner(e.SignerId))
            {
                return Fail(e, AuditChainFailures.UnknownSigner, $"No public key is known for signer '{e.SignerId}'.");
            }

            else if (!TryBase64(e.Signature, out var signature) || !verifier.Verify(e.SignerId, hash, signature))
            {
                return Fail(e, AuditChainFailures.BadSignature, $"The signature does not verify with the key of signer '{e.SignerId}'.");
            }

            _index++;
            _lastHash = e.Hash;
            _lastTime = e.CreatedAt;
            return null;
        }

        private AuditChainVerification Fail(AuditEvent e, string reason, string message) => new()
        {
            VerifiedCount = _index, LastHash = _lastHash, PendingSignatureCount = _pending, FirstPendingEventId = _firstPending,
            FailedIndex = _index, FailedEventId = e.Id, FailureReason = reason, Message = message,
        };

        private static byte[]? CanonicalPayload(AuditEvent e)
        {
            try
            {
                var payload = CanonicalJson.Canonicalize(e.Payload.Span);
                var reader = new Utf8JsonReader(payload);
                using var document = JsonDocument.ParseValue(ref reader);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("eventType", out var type)
                    && type.ValueKind == JsonValueKind.String
                    && type.ValueEquals(e.EventType)
                    ? payload
                    : null;
            }
            catch (CanonicalizationException)
            {
                return null;
            }
        }

        private static bool TryBase64(string text, out byte[] bytes)
        {
            bytes = new byte[(text.Length * 3 / 4) + 3];
            if (Convert.TryFromBase64String(text, bytes, out int written))
            {
                bytes = bytes[..written];
                return true;
            }

            return false;
        }
    }
}
