using System.Numerics;
using System.Security.Cryptography;

namespace ReasoningGraph.Audit;

/// <summary>
/// The RFC 6962 Merkle tree over an audit chain (INTEROP §8): leaf <c>i</c> is the 32 raw bytes of event <c>i</c>'s
/// hash, leaf hash SHA-256(0x00 ‖ data), interior SHA-256(0x01 ‖ left ‖ right) — what Go's
/// <c>golang.org/x/mod/sumdb/tlog</c> and Certificate Transparency compute, so their verifiers check these roots and
/// proofs. Roots and proofs are built from the hashes of complete subtrees, which a store keeps as it appends (so a
/// proof costs O(log² n) lookups), or from the leaf hashes; the checks (RFC 9162 §2.1.3.2 and §2.1.4.2) need only the proof.
/// </summary>
public static class MerkleLog
{
    private const int HashLength = 32;

    /// <summary>SHA-256(0x00 ‖ <paramref name="data"/>).</summary>
    /// <param name="data">The leaf's data (an audit event's 32 hash bytes).</param>
    /// <returns>The leaf hash.</returns>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    /// <param name="left">The left child's hash.</param>
    /// <param name="right">The right child's hash.</param>
    /// <returns>The interior node's hash.</returns>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        return hash.GetHashAndReset();
    }

    /// <summary>The tree head of the first <paramref name="size"/> leaves (RFC 6962 MTH; SHA-256 of nothing when empty).</summary>
    /// <param name="leafHashes">The leaf hashes, in log order.</param>
    /// <param name="size">How many leaves the tree holds; all when null.</param>
    /// <returns>The root hash.</returns>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes, int? size = null)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        int n = size ?? leafHashes.Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, leafHashes.Count, nameof(size));
        return RootHash(n, FromLeaves(leafHashes));
    }

    /// <summary>
    /// The tree head of the first <paramref name="size"/> leaves, from the hashes of complete subtrees: a store that
    /// keeps its interior hashes answers in O(log n) lookups.
    /// </summary>
    /// <param name="size">How many leaves the tree holds.</param>
    /// <param name="subtree">
    /// The hash of the complete subtree at (<c>level</c>, <c>index</c>): the 2^level leaves from index·2^level on
    /// (level 0 is a leaf hash). Only subtrees inside the first <paramref name="size"/> leaves are asked for.
    /// </param>
    /// <returns>The root hash.</returns>
    public static byte[] RootHash(long size, Func<int, long, byte[]> subtree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(subtree);
        return size == 0 ? SHA256.HashData([]) : Root(subtree, 0, size);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves (RFC 6962 PATH).</summary>
    /// <param name="leafHashes">The leaf hashes, in log order.</param>
    /// <param name="index">The leaf's index.</param>
    /// <param name="size">The tree's size.</param>
    /// <returns>The sibling hashes from the leaf up.</returns>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, int index, int size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leafHashes.Count);
        return InclusionProof(index, size, FromLeaves(leafHashes));
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, from the hashes of complete subtrees (see <see cref="RootHash(long, Func{int, long, byte[]})"/>).</summary>
    /// <param name="index">The leaf's index.</param>
    /// <param name="size">The tree's size.</param>
    /// <param name="subtree">The hash of the complete subtree at (level, index).</param>
    /// <returns>The sibling hashes from the leaf up.</returns>
    public static IReadOnlyList<byte[]> InclusionProof(long index, long size, Func<int, long, byte[]> subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size} leaves.");
        }

        var proof = new List<byte[]>();
        Path(subtree, index, 0, size, proof);
        return proof;
    }

    /// <summary>The proof that the tree of <paramref name="oldSize"/> leaves is a prefix of the tree of <paramref name="newSize"/> (RFC 6962 PROOF).</summary>
    /// <param name="leafHashes">The leaf hashes, in log order.</param>
    /// <param name="oldSize">The earlier tree's size (at least 1).</param>
    /// <param name="newSize">The later tree's size.</param>
    /// <returns>The proof's hashes (empty when the sizes are equal).</returns>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, int oldSize, int newSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newSize, leafHashes.Count);
        return ConsistencyProof(oldSize, newSize, FromLeaves(leafHashes));
    }

    /// <summary>The consistency proof from <paramref name="oldSize"/> to <paramref name="newSize"/> leaves, from the hashes of complete subtrees (see <see cref="RootHash(long, Func{int, long, byte[]})"/>).</summary>
    /// <param name="oldSize">The earlier tree's size (at least 1).</param>
    /// <param name="newSize">The later tree's size.</param>
    /// <param name="subtree">The hash of the complete subtree at (level, index).</param>
    /// <returns>The proof's hashes (empty when the sizes are equal).</returns>
    public static IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize, Func<int, long, byte[]> subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"A consistency proof runs from 1 ≤ old size ≤ new size ({newSize}), not {oldSize}.");
        }

        var proof = new List<byte[]>();
        if (oldSize < newSize)
        {
            SubProof(subtree, oldSize, 0, newSize, true, proof);
        }

        return proof;
    }

    /// <summary>Whether <paramref name="proof"/> shows leaf <paramref name="index"/> with <paramref name="leafHash"/> in the tree of <paramref name="size"/> leaves with <paramref name="root"/> (RFC 9162 §2.1.3.2).</summary>
    /// <param name="index">The leaf's index.</param>
    /// <param name="size">The tree's size.</param>
    /// <param name="leafHash">The leaf's hash.</param>
    /// <param name="proof">The audit path.</param>
    /// <param name="root">The tree's root hash.</param>
    /// <returns>True when the proof holds.</returns>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != HashLength)
        {
            return false;
        }

        long fn = index, sn = size - 1;
        byte[] r = leafHash.ToArray();
        foreach (byte[] p in proof)
        {
            if (p.Length != HashLength || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Whether <paramref name="proof"/> shows the tree (<paramref name="oldSize"/>, <paramref name="oldRoot"/>) is a prefix of (<paramref name="newSize"/>, <paramref name="newRoot"/>) (RFC 9162 §2.1.4.2).</summary>
    /// <param name="oldSize">The earlier size.</param>
    /// <param name="newSize">The later size.</param>
    /// <param name="oldRoot">The earlier root.</param>
    /// <param name="newRoot">The later root.</param>
    /// <param name="proof">The consistency proof.</param>
    /// <returns>True when the proof holds.</returns>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 1 || oldSize > newSize)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (proof.Count == 0 || proof.Any(p => p.Length != HashLength))
        {
            return false;
        }

        // When the old tree is a complete subtree, its root is the first node of the path.
        var path = new List<byte[]>(proof.Count + 1);
        if (BitOperations.IsPow2(oldSize))
        {
            path.Add(oldRoot.ToArray());
        }

        path.AddRange(proof);
        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        byte[] fr = path[0], sr = path[0];
        for (int i = 1; i < path.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            byte[] c = path[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2): where RFC 6962 splits a tree.</summary>
    private static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>Complete subtrees hashed from the leaves: what a caller with no stored interior hashes has.</summary>
    private static Func<int, long, byte[]> FromLeaves(IReadOnlyList<byte[]> leaves) =>
        (level, index) => FromLeaves(leaves, (int)(index << level), 1 << level);

    private static byte[] FromLeaves(IReadOnlyList<byte[]> leaves, int start, int count) =>
        count == 1 ? leaves[start] : NodeHash(FromLeaves(leaves, start, count / 2), FromLeaves(leaves, start + (count / 2), count / 2));

    /// <summary>
    /// MTH of leaves [start, start + count). RFC 6962's recursion only meets power-of-two ranges that start at a
    /// multiple of their size — exactly the complete subtrees a store keeps.
    /// </summary>
    private static byte[] Root(Func<int, long, byte[]> subtree, long start, long count)
    {
        if (BitOperations.IsPow2(count))
        {
            int level = BitOperations.Log2((ulong)count);
            return subtree(level, start >> level);
        }

        long k = Split(count);
        return NodeHash(Root(subtree, start, k), Root(subtree, start + k, count - k));
    }

    private static void Path(Func<int, long, byte[]> subtree, long index, long start, long count, List<byte[]> proof)
    {
        if (count == 1)
        {
            return;
        }

        long k = Split(count);
        if (index < k)
        {
            Path(subtree, index, start, k, proof);
            proof.Add(Root(subtree, start + k, count - k));
        }
        else
        {
            Path(subtree, index - k, start + k, count - k, proof);
            proof.Add(Root(subtree, start, k));
        }
    }

    private static void SubProof(Func<int, long, byte[]> subtree, long m, long start, long count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Root(subtree, start, count));
            }

            return;
        }

        long k = Split(count);
        if (m <= k)
        {
            SubProof(subtree, m, start, k, complete, proof);
            proof.Add(Root(subtree, start + k, count - k));
        }
        else
        {
            SubProof(subtree, m - k, start + k, count - k, false, proof);
            proof.Add(Root(subtree, start, k));
        }
    }
}
