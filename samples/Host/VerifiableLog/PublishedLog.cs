using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Notes;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// The service's audit log as a verifiable log (<c>/reason/log/*</c>): the store's chain, its origin, and the key that
/// signs its checkpoints — the audit signer (<c>AUDIT_SIGNER_KID</c>'s, else the signer), named in the note by its
/// signer id, so the verifier key and the audit events' registry entry name the same key. A signed note is over the
/// checkpoint's text, not a digest: only a local key can sign one. With a signing proxy, or without a signer, every
/// checkpoint answer is <c>SIGNING_FAILURE</c> with <c>details.reason</c> <c>digest-only-signer</c> or
/// <c>no-signer</c>; proofs need no signer and are always served. With <paramref name="stored"/> (checkpoints are
/// produced and stored: <see cref="CheckpointProducer"/>), the checkpoint served is the latest stored one, the same on
/// every host, until the first is stored.
/// </summary>
internal sealed class PublishedLog(IVerifiableLog log, string origin, IDigestSigner? auditSigner, ICheckpointStore? stored = null)
{
    /// <summary>The log's origin line.</summary>
    public string Origin => origin;

    /// <summary>The log at the chain's size now.</summary>
    public Task<LogTree> OpenAsync(CancellationToken cancellationToken) => LogTree.OpenAsync(log, cancellationToken);

    /// <summary>Where checkpoints are stored, when they are produced; else null.</summary>
    public ICheckpointStore? Stored => stored;

    /// <summary>The checkpoint to serve: the latest stored one when checkpoints are stored and there is one, else one of the whole chain, signed now.</summary>
    /// <exception cref="ReasoningGraphException"><c>SIGNING_FAILURE</c>: no key here can sign a note.</exception>
    public async Task<string> CurrentCheckpointAsync(CancellationToken cancellationToken)
    {
        _ = Key(); // refuses before reading the chain when no key here signs notes
        if (stored is not null && await stored.GetLatestCheckpointAsync(cancellationToken) is { } latest)
        {
            return latest.SignedNote;
        }

        using var tree = await OpenAsync(cancellationToken);
        return Sign(await tree.CheckpointAsync(origin, cancellationToken));
    }

    /// <summary>The key checkpoints are signed with, as verifiers take it.</summary>
    /// <exception cref="ReasoningGraphException"><c>SIGNING_FAILURE</c>: no key here can sign a note.</exception>
    public NoteKey Key() => Signer().Key;

    /// <summary>The signed note of <paramref name="checkpoint"/>.</summary>
    /// <exception cref="ReasoningGraphException"><c>SIGNING_FAILURE</c>: no key here can sign a note.</exception>
    public string Sign(LogCheckpoint checkpoint) => SignedNote.Sign(checkpoint.ToText(), Signer().Local);

    private (LocalEd25519Signer Local, NoteKey Key) Signer()
    {
        var local = LocalSigner();
        try
        {
            return (local, new NoteKey(local.SignerId, local.PublicKey));
        }
        catch (ArgumentException e)
        {
            throw Refusal("invalid-key-name", $"The audit signer's id cannot name a note key: {e.Message} Set SIGNER_ID (or AUDIT_SIGNER_KID) to one without whitespace or '+'.");
        }
    }

    private LocalEd25519Signer LocalSigner() => auditSigner switch
    {
        LocalEd25519Signer local => local,
        null => throw Refusal("no-signer", "No signer is configured (SIGNING_KEY_PATH or SIGNING_PROXY_URL): checkpoints cannot be signed. Proofs are served without one."),
        var other => throw Refusal(
            "digest-only-signer",
            $"The audit signer '{other.SignerId}' signs 32-byte digests only (a signing proxy), and a checkpoint is a signed note over its text: " +
            "signing checkpoints needs a local key (SIGNING_KEY_PATH). Proofs are served without one; 'reasoning-graph log checkpoint' signs with a key file."),
    };

    private static ReasoningGraphException Refusal(string reason, string message) =>
        new(ErrorCodes.SigningFailure, message) { Details = new Dictionary<string, string> { ["reason"] = reason } };
}
