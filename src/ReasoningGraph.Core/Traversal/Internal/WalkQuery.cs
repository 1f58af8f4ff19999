using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>A normalized walk: everything a cursor binds. <see cref="Digest"/> identifies it (and keys the state cache).</summary>
internal sealed record WalkQuery(
    Guid Root, TraversalDirection Direction, int Depth, TraversalOrder Order,
    string[]? EdgeTypes, double? MinWeight, double? MinConfidence, long AsOf)
{
    /// <summary>The first 16 bytes of SHA-256 over a fixed binary encoding of every field.</summary>
    public Guid Digest { get; } = ComputeDigest(Root, Direction, Depth, Order, EdgeTypes, MinWeight, MinConfidence, AsOf);

    private static Guid ComputeDigest(
        Guid root, TraversalDirection direction, int depth, TraversalOrder order,
        string[]? edgeTypes, double? minWeight, double? minConfidence, long asOf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[16];
        hash.AppendData("walk/1"u8);
        root.TryWriteBytes(scratch, bigEndian: true, out _);
        hash.AppendData(scratch);
        AppendInt64(hash, (long)direction);
        AppendInt64(hash, depth);
        AppendInt64(hash, (long)order);
        AppendInt64(hash, asOf);
        AppendOptional(hash, minWeight);
        AppendOptional(hash, minConfidence);
        AppendInt64(hash, edgeTypes?.Length ?? -1);
        foreach (var type in edgeTypes ?? [])
        {
            var bytes = Encoding.UTF8.GetBytes(type);
            AppendInt64(hash, bytes.Length);
            hash.AppendData(bytes);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new Guid(digest[..16]);
    }

    internal static void AppendInt64(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        hash.AppendData(bytes);
    }

    internal static void AppendOptional(IncrementalHash hash, double? value)
    {
        AppendInt64(hash, value is null ? 0 : 1);
        AppendInt64(hash, BitConverter.DoubleToInt64Bits(value ?? 0));
    }

    internal static void AppendOptional(IncrementalHash hash, long? value)
    {
        AppendInt64(hash, value is null ? 0 : 1);
        AppendInt64(hash, value ?? 0);
    }
}
