using ReasoningGraph.Audit;
using ReasoningGraph.Signing.Notes;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>audit-verify --checkpoint</c>: a signed checkpoint an auditor kept, opened with its verifier key, and the check
/// that the chain as stored now still extends it — its first <c>N</c> events hash to the checkpoint's root. A chain
/// cut below <c>N</c> events, or with any of them changed, dropped or reordered, fails.
/// </summary>
internal static class CheckpointCheck
{
    /// <summary>The kept checkpoint, which must verify under <paramref name="verifierKey"/> (else a usage error, as a wrong file or key).</summary>
    public static LogCheckpoint Read(FileInfo file, string? verifierKey)
    {
        if (verifierKey is null)
        {
            throw new UsageException("--checkpoint needs --verifier-key (the name+id+key string printed with the checkpoint).");
        }

        var key = ParseKey(verifierKey);
        return Open(file, key) ?? throw new UsageException($"{file.FullName}: not a checkpoint signed by {key.Name} (no signature line of that key verifies).");
    }

    /// <summary>Reads a note verifier key.</summary>
    public static NoteKey ParseKey(string verifierKey)
    {
        try
        {
            return NoteKey.ParseVerifierKey(verifierKey);
        }
        catch (FormatException e)
        {
            throw new UsageException("--verifier-key: " + e.Message);
        }
    }

    /// <summary>The checkpoint in the signed note <paramref name="file"/>, or null when no signature line of <paramref name="key"/> verifies.</summary>
    public static LogCheckpoint? Open(FileInfo file, NoteKey key)
    {
        string note = File.ReadAllText(file.FullName);
        if (SignedNote.Open(note, key) is not { } text)
        {
            return null;
        }

        try
        {
            return LogCheckpoint.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{file.FullName}: {e.Message}");
        }
    }

    /// <summary>Null when the chain's first events (<paramref name="hashes"/>, up to the checkpoint's size) hash to its root.</summary>
    public static string? Problem(LogCheckpoint kept, IReadOnlyList<byte[]> hashes)
    {
        if (hashes.Count < kept.TreeSize)
        {
            return $"checkpoint-truncated: the chain holds {hashes.Count} events, fewer than the {kept.TreeSize} the checkpoint covers; events were removed from its end.";
        }

        var root = LogCheckpoint.Of(kept.Origin, hashes, kept.TreeSize).RootHash;
        return root.Span.SequenceEqual(kept.RootHash.Span)
            ? null
            : $"checkpoint-mismatch: the chain's first {kept.TreeSize} events do not hash to the checkpoint's root; the log was rewritten since the checkpoint was taken.";
    }
}
