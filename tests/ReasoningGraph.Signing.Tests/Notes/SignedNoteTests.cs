using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Audit;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Notes;

namespace ReasoningGraph.Signing.Tests.Notes;

/// <summary>
/// C2SP signed notes and checkpoints, checked against Go's own vectors (golang.org/x/mod/sumdb/note's TestSign and
/// TestNewVerifier: the published PeterNeumann key, its verifier key string and the exact signed note).
/// </summary>
public sealed class SignedNoteTests
{
    // Go's note_test.go: the signer key "PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 ‖ seed)>", a published test vector.
    private const string GoSeed = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static Ed25519PrivateKey GoKey() => Ed25519PrivateKey.FromSeed(Convert.FromBase64String(GoSeed).AsSpan(1));

    [Fact]
    public void Sign_MatchesGosNoteByteForByte_AndTheVerifierKeyMatchesGos()
    {
        using var key = GoKey();
        Assert.Equal(GoNote, SignedNote.Sign(GoText, "PeterNeumann", key));
        Assert.Equal(GoVerifierKey, new NoteKey("PeterNeumann", key.PublicKey).VerifierKey);
        Assert.Equal(0xc74f20a3u, NoteKey.ParseVerifierKey(GoVerifierKey).KeyId);
    }

    [Fact]
    public void Open_AcceptsGosNote_AndRefusesAnAlteredOneOrAnotherKey()
    {
        var verifier = NoteKey.ParseVerifierKey(GoVerifierKey);
        Assert.Equal(GoText, SignedNote.Open(GoNote, verifier));
        Assert.Null(SignedNote.Open(GoNote.Replace("answer", "Answer", StringComparison.Ordinal), verifier));
        using var other = Ed25519PrivateKey.Generate();
        Assert.Null(SignedNote.Open(GoNote, new NoteKey("PeterNeumann", other.PublicKey)));
        Assert.Null(SignedNote.Open(GoText, verifier)); // no signature lines at all
    }

    [Theory]
    [InlineData("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")] // Go's: wrong key length
    [InlineData("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // Go's: unknown algorithm
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // key ID does not match
    [InlineData("Peter+Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // a name with "+"
    [InlineData("PeterNeumann+c74f20a3")]
    public void ParseVerifierKey_RefusesMalformedKeys(string verifierKey) =>
        Assert.Throws<FormatException>(() => NoteKey.ParseVerifierKey(verifierKey));

    [Property(MaxTest = 50)]
    public Property Checkpoint_SignsAndOpens_AndAnyFlippedBitOfTheSignatureFails(PositiveInt size, NonNegativeInt flip)
    {
        using var key = Ed25519PrivateKey.Generate();
        var hashes = Enumerable.Range(0, Math.Min(size.Get, 64)).Select(i => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))).ToList();
        var checkpoint = LogCheckpoint.Of(LogCheckpoint.DefaultOrigin("g-1"), hashes);
        string note = SignedNote.Sign(checkpoint.ToText(), "rg-audit", key);
        var verifier = NoteKey.ParseVerifierKey(new NoteKey("rg-audit", key.PublicKey).VerifierKey);
        var opened = LogCheckpoint.Parse(SignedNote.Open(note, verifier)!);

        string line = note[(note.LastIndexOf(' ') + 1)..^1];
        byte[] signature = Convert.FromBase64String(line);
        signature[flip.Get % signature.Length] ^= (byte)(1 << (flip.Get % 8));
        string tampered = note[..(note.LastIndexOf(' ') + 1)] + Convert.ToBase64String(signature) + "\n";

        return (opened.TreeSize == hashes.Count && opened.RootHash.Span.SequenceEqual(checkpoint.RootHash.Span) && opened.Origin == "reasoning-graph/g-1"
                && SignedNote.Open(tampered, verifier) is null)
            .Label($"size {hashes.Count}, flip {flip.Get}");
    }
}
