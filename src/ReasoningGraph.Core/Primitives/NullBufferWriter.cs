using System.Buffers;

namespace ReasoningGraph.Primitives;

/// <summary>Discards what is written; used to run the canonicalizer as a validator without keeping its output.</summary>
internal sealed class NullBufferWriter : IBufferWriter<byte>
{
    public static readonly NullBufferWriter Instance = new();

    [ThreadStatic]
    private static byte[]? _scratch;

    public void Advance(int count)
    {
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

    private static byte[] Scratch(int sizeHint)
    {
        int size = Math.Max(sizeHint, 256);
        if (_scratch is null || _scratch.Length < size)
        {
            _scratch = new byte[Math.Max(size, (_scratch?.Length ?? 0) * 2)];
        }

        return _scratch;
    }
}
