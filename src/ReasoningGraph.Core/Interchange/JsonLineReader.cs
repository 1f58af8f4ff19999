using System.Buffers;

namespace ReasoningGraph.Interchange;

/// <summary>Splits a UTF-8 stream into lines, tracking line numbers and byte offsets. Lines may be any length.</summary>
internal sealed class JsonLineReader(Stream stream) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _start;
    private int _end;
    private long _offset;
    private long _lineNumber;
    private bool _eof;

    /// <summary>The next line, or null at the end. Its content is valid until the next call.</summary>
    public async ValueTask<RawLine?> ReadAsync(CancellationToken cancellationToken)
    {
        int scanned = 0;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (newline >= 0)
            {
                return Take(newline - _start, terminated: true);
            }

            scanned = _end - _start;
            if (_eof)
            {
                return _end > _start ? Take(_end - _start, terminated: false) : null;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private RawLine Take(int length, bool terminated)
    {
        var content = _buffer.AsMemory(_start, length);
        long startOffset = _offset;
        int consumed = length + (terminated ? 1 : 0);
        _start += consumed;
        _offset += consumed;
        if (content.Length > 0 && content.Span[^1] == '\r')
        {
            content = content[..^1];
        }

        bool continues = content.Length > 0 && content.Span[^1] == ' ';
        return new RawLine(++_lineNumber, content, terminated, continues, startOffset, _offset);
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _eof = read == 0;
        _end += read;
    }
}
