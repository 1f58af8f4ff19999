using System.Globalization;

namespace ReasoningGraph.Audit;

/// <summary>
/// A C2SP <c>tlog-checkpoint</c> of a graph's audit log (INTEROP §8): the log's origin, the tree size and the
/// RFC 6962 root hash of the first <see cref="TreeSize"/> events (<see cref="MerkleLog"/>, leaf <i>i</i> = the 32
/// bytes of event <i>i</i>'s hash). The text is what a signed note signs; an auditor who keeps it can later demand
/// a consistency proof that the log still extends it.
/// </summary>
public sealed class LogCheckpoint
{
    /// <summary>Builds a checkpoint.</summary>
    /// <param name="origin">The log's origin line (default <c>reasoning-graph/&lt;graph id&gt;</c>): no newline, not empty.</param>
    /// <param name="treeSize">The number of events covered.</param>
    /// <param name="rootHash">The 32-byte root hash of those events.</param>
    public LogCheckpoint(string origin, long treeSize, ReadOnlyMemory<byte> rootHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        if (origin.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("An origin is one line.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != 32)
        {
            throw new ArgumentException("A root hash has 32 bytes.", nameof(rootHash));
        }

        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash.ToArray();
    }

    /// <summary>The log's origin line.</summary>
    public string Origin { get; }

    /// <summary>The number of events the tree covers.</summary>
    public long TreeSize { get; }

    /// <summary>The tree's 32-byte root hash.</summary>
    public ReadOnlyMemory<byte> RootHash { get; }

    /// <summary>The default origin of a graph's log.</summary>
    /// <param name="graphId">The graph id.</param>
    /// <returns><c>reasoning-graph/&lt;graph id&gt;</c>.</returns>
    public static string DefaultOrigin(string graphId) => "reasoning-graph/" + graphId;

    /// <summary>The checkpoint of the first <paramref name="treeSize"/> of <paramref name="eventHashes"/>.</summary>
    /// <param name="origin">The origin line.</param>
    /// <param name="eventHashes">The events' hashes (32 bytes each), in chain order.</param>
    /// <param name="treeSize">How many of them; null for all.</param>
    /// <returns>The checkpoint.</returns>
    public static LogCheckpoint Of(string origin, IReadOnlyList<byte[]> eventHashes, long? treeSize = null)
    {
        ArgumentNullException.ThrowIfNull(eventHashes);
        int size = (int)(treeSize ?? eventHashes.Count);
        var leaves = eventHashes.Take(size).Select(h => MerkleLog.LeafHash(h)).ToList();
        return new LogCheckpoint(origin, size, MerkleLog.RootHash(leaves, size));
    }

    /// <summary>The checkpoint text: origin, decimal size and base64 root, each followed by a newline.</summary>
    /// <returns>The text a signed note signs.</returns>
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash.Span)}\n");

    /// <summary>Reads a checkpoint text (extension lines after the third are ignored, as the format allows).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">Not a checkpoint.</exception>
    public static LogCheckpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n');
        if (lines.Length < 4 || lines[0].Length == 0
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
            || lines[1] != size.ToString(CultureInfo.InvariantCulture))
        {
            throw new FormatException("A checkpoint is an origin line, a decimal tree size and a base64 root hash, each ending in a newline.");
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("The checkpoint's root hash is not base64.");
        }

        return root.Length == 32 ? new LogCheckpoint(lines[0], size, root) : throw new FormatException("The checkpoint's root hash is not 32 bytes.");
    }
}
