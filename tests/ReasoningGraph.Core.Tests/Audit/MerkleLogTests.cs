using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Audit;

namespace ReasoningGraph.Tests.Audit;

/// <summary>RFC 6962 tree heads, inclusion and consistency proofs: known vectors, and every proof of random trees.</summary>
public sealed class MerkleLogTests
{
    /// <summary>The inputs of Certificate Transparency's reference test vectors.</summary>
    private static readonly byte[][] CtLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [Fact]
    public void RootHashes_MatchTheCertificateTransparencyVectors()
    {
        var leaves = CtLeaves.Select(l => MerkleLog.LeafHash(l)).ToList();

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(MerkleLog.RootHash(leaves, 0)));
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Hex(MerkleLog.RootHash(leaves, 1)));
        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", Hex(MerkleLog.RootHash(leaves, 8)));
    }

    [Property(MaxTest = 60)]
    public Property EveryInclusionProof_Verifies_AndAFlippedBitFails(PositiveInt count, int seed)
    {
        int n = 1 + (count.Get % 70);
        var leaves = Leaves(n, seed);
        var random = new Random(seed);
        bool all = true;
        for (int size = 1; size <= n; size++)
        {
            byte[] root = MerkleLog.RootHash(leaves, size);
            for (int index = 0; index < size; index++)
            {
                var proof = MerkleLog.InclusionProof(leaves, index, size);
                all &= MerkleLog.VerifyInclusion(index, size, leaves[index], proof, root);
                if (proof.Count > 0 && random.Next(4) == 0)
                {
                    var tampered = proof.Select(p => (byte[])p.Clone()).ToList();
                    tampered[random.Next(tampered.Count)][random.Next(32)] ^= (byte)(1 << random.Next(8));
                    all &= !MerkleLog.VerifyInclusion(index, size, leaves[index], tampered, root);
                }

                all &= !MerkleLog.VerifyInclusion(index, size, leaves[(index + 1) % size], proof, root) || size == 1;
            }
        }

        return all.Label($"n={n}");
    }

    [Property(MaxTest = 60)]
    public Property EveryConsistencyProof_Verifies_AndAnotherRootFails(PositiveInt count, int seed)
    {
        int n = 1 + (count.Get % 50);
        var leaves = Leaves(n, seed);
        bool all = true;
        for (int newSize = 1; newSize <= n; newSize++)
        {
            byte[] newRoot = MerkleLog.RootHash(leaves, newSize);
            for (int oldSize = 1; oldSize <= newSize; oldSize++)
            {
                byte[] oldRoot = MerkleLog.RootHash(leaves, oldSize);
                var proof = MerkleLog.ConsistencyProof(leaves, oldSize, newSize);
                all &= MerkleLog.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);
                if (oldSize < newSize)
                {
                    byte[] forged = (byte[])oldRoot.Clone();
                    forged[0] ^= 1;
                    all &= !MerkleLog.VerifyConsistency(oldSize, newSize, forged, newRoot, proof);
                    all &= !MerkleLog.VerifyConsistency(oldSize, newSize, oldRoot, forged.Length == 32 ? MerkleLog.LeafHash(newRoot) : newRoot, proof);
                }
            }
        }

        return all.Label($"n={n}");
    }

    [Fact]
    public void ARewrittenLeaf_BreaksConsistencyWithTheOldHead()
    {
        var leaves = Leaves(12, 7);
        byte[] oldRoot = MerkleLog.RootHash(leaves, 5);
        var rewritten = leaves.ToList();
        rewritten[3] = MerkleLog.LeafHash([0xff]);

        var proof = MerkleLog.ConsistencyProof(rewritten, 5, 12);

        Assert.False(MerkleLog.VerifyConsistency(5, 12, oldRoot, MerkleLog.RootHash(rewritten), proof));
    }

    private static List<byte[]> Leaves(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ =>
        {
            var data = new byte[32];
            random.NextBytes(data);
            return MerkleLog.LeafHash(data);
        })];
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
