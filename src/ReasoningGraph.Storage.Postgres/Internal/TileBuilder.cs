using ReasoningGraph.Audit;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Extends a graph's stored tree (<c>log_tiles</c>, migration 10) by leaf hashes: starts from the last tile of each
/// level, appends each leaf to level 0, and each time a tile fills appends its root — the node 8 levels up — to the
/// tile above. <see cref="TakeChanged"/> hands out every tile changed since it was last called, to be stored.
/// </summary>
internal sealed class TileBuilder
{
    /// <summary>How many tree levels a tile spans.</summary>
    public const int Height = 8;

    /// <summary>How many hashes a full tile holds.</summary>
    public const int Width = 1 << Height;

    private const int HashLength = 32;

    private readonly List<Tile> _last = [];
    private readonly Dictionary<(int Level, long Index), byte[]> _changed = [];

    /// <summary>A builder continuing after the stored last tile of each level (none for an empty tree).</summary>
    public TileBuilder(IReadOnlyDictionary<int, (long Index, byte[] Hashes)> lastTiles)
    {
        for (int level = 0; lastTiles.TryGetValue(level, out var tile); level++)
        {
            var hashes = new byte[Width * HashLength];
            tile.Hashes.CopyTo(hashes, 0);
            _last.Add(new Tile(tile.Index, hashes, tile.Hashes.Length / HashLength));
        }
    }

    /// <summary>The number of leaves in the tree so far.</summary>
    public long Size => _last.Count == 0 ? 0 : (_last[0].Index * Width) + _last[0].Count;

    /// <summary>Appends a leaf (an audit event's 32 hash bytes).</summary>
    public void AppendLeaf(ReadOnlySpan<byte> eventHash) => Append(0, MerkleLog.LeafHash(eventHash));

    /// <summary>The tiles changed since the last call, as they are now, by (level, index).</summary>
    public Dictionary<(int Level, long Index), byte[]> TakeChanged()
    {
        var changed = new Dictionary<(int Level, long Index), byte[]>(_changed);
        _changed.Clear();
        foreach (var (key, hashes) in changed)
        {
            if (hashes.Length == 0)
            {
                var tile = _last[key.Level];
                changed[key] = tile.Hashes.AsSpan(0, tile.Count * HashLength).ToArray();
            }
        }

        return changed;
    }

    /// <summary>The hash of the complete subtree at <paramref name="level"/>, <paramref name="index"/>, from the tiles in <paramref name="tiles"/>.</summary>
    /// <exception cref="InvalidOperationException">A tile it needs is missing or too short: the stored tree is behind or damaged.</exception>
    public static byte[] Subtree(IReadOnlyDictionary<(int Level, long Index), byte[]> tiles, int level, long index)
    {
        int tileLevel = level / Height, height = level % Height;
        long first = index << height;
        (int, long) key = (tileLevel, first / Width);
        int offset = (int)(first % Width), count = 1 << height;
        if (!tiles.TryGetValue(key, out byte[]? hashes) || hashes.Length < (offset + count) * HashLength)
        {
            throw new InvalidOperationException($"The stored tree has no tile {key} with hash {offset + count - 1}: log_tiles is behind the chain or damaged.");
        }

        return Reduce(hashes.AsSpan(offset * HashLength, count * HashLength));
    }

    /// <summary>The (level, index) of the tile that node (<paramref name="nodeLevel"/>, <paramref name="nodeIndex"/>) is computed from.</summary>
    public static (int Level, long Index) TileOf(int nodeLevel, long nodeIndex) =>
        (nodeLevel / Height, (nodeIndex << (nodeLevel % Height)) / Width);

    private static byte[] Reduce(ReadOnlySpan<byte> hashes) =>
        hashes.Length == HashLength
            ? hashes.ToArray()
            : MerkleLog.NodeHash(Reduce(hashes[..(hashes.Length / 2)]), Reduce(hashes[(hashes.Length / 2)..]));

    private void Append(int level, byte[] hash)
    {
        if (level == _last.Count)
        {
            _last.Add(new Tile(0, new byte[Width * HashLength], 0));
        }

        var tile = _last[level];
        if (tile.Count == Width)
        {
            tile = _last[level] = new Tile(tile.Index + 1, new byte[Width * HashLength], 0);
        }

        hash.CopyTo(tile.Hashes, tile.Count * HashLength);
        tile.Count++;
        if (tile.Count == Width)
        {
            _changed[(level, tile.Index)] = (byte[])tile.Hashes.Clone(); // final: the next append starts a new tile
            Append(level + 1, Reduce(tile.Hashes));
        }
        else
        {
            _changed[(level, tile.Index)] = []; // taken as it is when handed out
        }
    }

    private sealed class Tile(long index, byte[] hashes, int count)
    {
        public long Index { get; } = index;

        public byte[] Hashes { get; } = hashes;

        public int Count { get; set; } = count;
    }
}
