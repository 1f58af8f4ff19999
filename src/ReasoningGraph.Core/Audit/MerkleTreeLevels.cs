using System.Security.Cryptography;

namespace ReasoningGraph.Audit;

/// <summary>
/// An append-only RFC 6962 tree kept in memory with every complete subtree's hash, level by level (level 0 the leaf
/// hashes), plus each leaf's data (the event hashes): appending copies the data; the first read after it hashes the new
/// leaves (one leaf hash and, amortized, one interior hash each), and a root or proof of any size up to
/// <see cref="Size"/> is then O(log² n) lookups (INTEROP §8). About 96 bytes per
/// leaf (its data, its hash, and the levels above, which hold as many again), in pages of 2 MiB: no array grows
/// past a page, however long the log. Safe for one writer and many readers.
/// </summary>
internal sealed class MerkleTreeLevels
{
    private const int HashLength = 32;

    private readonly Lock _lock = new();
    private readonly HashArray _leafData = new();
    private readonly List<HashArray> _levels = [new()];

    /// <summary>The number of leaves appended.</summary>
    public long Size
    {
        get
        {
            lock (_lock)
            {
                return _leafData.Count;
            }
        }
    }

    /// <summary>Appends a leaf: <paramref name="data"/> is an audit event's 32 hash bytes. Only the data is kept here; the hashes follow on the next read.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length != HashLength)
        {
            throw new ArgumentException($"A leaf's data is an event hash of {HashLength} bytes, not {data.Length}.", nameof(data));
        }

        lock (_lock)
        {
            _leafData.Add(data);
        }
    }

    /// <summary>
    /// Hashes the leaves appended since the last read into the levels: a write (which holds the store's write gate)
    /// only copies 32 bytes, and a read after a burst pays one leaf hash and, amortized, one interior hash per new leaf.
    /// </summary>
    private void CatchUp()
    {
        Span<byte> node = stackalloc byte[HashLength];
        Span<byte> pair = stackalloc byte[1 + (2 * HashLength)];
        for (long leaf = _levels[0].Count; leaf < _leafData.Count; leaf++)
        {
            pair[0] = 0x00;
            _leafData.CopyOne(leaf, pair[1..]);
            SHA256.HashData(pair[..(1 + HashLength)], node);
            _levels[0].Add(node);

            // Each level whose count became even completed its parent.
            pair[0] = 0x01;
            for (int level = 0; (_levels[level].Count & 1) == 0; level++)
            {
                if (level + 1 == _levels.Count)
                {
                    _levels.Add(new HashArray());
                }

                var children = _levels[level];
                children.CopyTo(children.Count - 2, pair.Slice(1, 2 * HashLength));
                SHA256.HashData(pair, node);
                _levels[level + 1].Add(node);
            }
        }
    }

    /// <summary>The data (event hash) of leaf <paramref name="index"/>.</summary>
    public byte[] LeafData(long index)
    {
        lock (_lock)
        {
            if (index < 0 || index >= _leafData.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"The log holds {_leafData.Count} events, no event {index}.");
            }

            return _leafData.Get(index);
        }
    }

    /// <summary>The root of the tree of the first <paramref name="size"/> leaves.</summary>
    public byte[] RootHash(long size)
    {
        lock (_lock)
        {
            CheckSize(size);
            CatchUp();
            return MerkleLog.RootHash(size, Subtree);
        }
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        lock (_lock)
        {
            CheckSize(size);
            CatchUp();
            return MerkleLog.InclusionProof(index, size, Subtree);
        }
    }

    /// <summary>The consistency proof from <paramref name="oldSize"/> leaves to <paramref name="newSize"/>.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        lock (_lock)
        {
            CheckSize(newSize);
            CatchUp();
            return MerkleLog.ConsistencyProof(oldSize, newSize, Subtree);
        }
    }

    private byte[] Subtree(int level, long index) => _levels[level].Get(index);

    private void CheckSize(long size)
    {
        if (size < 0 || size > _leafData.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"The log holds {_leafData.Count} events: a tree size is 0 to {_leafData.Count}, not {size}.");
        }
    }

    /// <summary>
    /// 32-byte hashes in pages of 65,536 (2 MiB each): appending never copies more than the first page, and no array
    /// reaches the large sizes that cannot grow. The first page starts small and doubles, so a short log (and each of
    /// a tree's upper levels, which hold few hashes) costs little.
    /// </summary>
    private sealed class HashArray
    {
        private const int PageBits = 16;
        private const int PageHashes = 1 << PageBits;
        private const int FirstCapacity = 64;
        private readonly List<byte[]> _pages = [];

        public long Count { get; private set; }

        public void Add(ReadOnlySpan<byte> hash)
        {
            int offset = (int)(Count & (PageHashes - 1));
            if (offset == 0)
            {
                _pages.Add(new byte[(_pages.Count == 0 ? FirstCapacity : PageHashes) * HashLength]);
            }
            else if (offset * HashLength == _pages[^1].Length)
            {
                var page = _pages[^1];
                Array.Resize(ref page, Math.Min(PageHashes, offset * 2) * HashLength); // only the first page grows
                _pages[^1] = page;
            }

            hash.CopyTo(_pages[^1].AsSpan(offset * HashLength, HashLength));
            Count++;
        }

        public byte[] Get(long index) => Slot(index).ToArray();

        public void CopyOne(long index, Span<byte> destination) => Slot(index).CopyTo(destination);

        /// <summary>Copies hashes index and index + 1 (index even, so both are on one page), side by side.</summary>
        public void CopyTo(long index, Span<byte> destination)
        {
            Slot(index).CopyTo(destination);
            Slot(index + 1).CopyTo(destination[HashLength..]);
        }

        private Span<byte> Slot(long index) =>
            _pages[(int)(index >> PageBits)].AsSpan((int)(index & (PageHashes - 1)) * HashLength, HashLength);
    }
}
