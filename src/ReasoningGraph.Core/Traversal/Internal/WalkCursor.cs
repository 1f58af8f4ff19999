using System.Buffers.Binary;
using ReasoningGraph.Errors;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// The position a walk cursor carries: which walk (query digest, which includes <c>asOf</c>), the <c>asOf</c>
/// itself, and how many nodes were already returned. Authenticated by <see cref="CursorProtector"/>.
/// </summary>
internal readonly record struct WalkCursor(Guid Digest, long AsOf, int Position)
{
    private const byte Kind = 1;
    private const int Length = 1 + 16 + 8 + 4;

    public string Encode(CursorProtector protector)
    {
        Span<byte> payload = stackalloc byte[Length];
        payload[0] = Kind;
        Digest.TryWriteBytes(payload.Slice(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.Slice(17, 8), AsOf);
        BinaryPrimitives.WriteInt32BigEndian(payload.Slice(25, 4), Position);
        return protector.Protect(payload);
    }

    public static WalkCursor Decode(CursorProtector protector, string cursor)
    {
        var payload = protector.Unprotect(cursor);
        if (payload.Length != Length || payload[0] != Kind)
        {
            throw GraphErrors.InvalidCursor("wrong-kind");
        }

        var position = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(25, 4));
        long asOf = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(17, 8));
        return position < 0 || asOf < 0
            ? throw GraphErrors.InvalidCursor("malformed")
            : new WalkCursor(new Guid(payload.AsSpan(1, 16)), asOf, position);
    }
}
