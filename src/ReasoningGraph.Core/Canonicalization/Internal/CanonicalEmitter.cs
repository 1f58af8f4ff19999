using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>
/// Writes a parsed tape in canonical form into a pooled buffer. Iterative, so nesting depth costs
/// no stack; objects follow their sorted member table, arrays their tape order.
/// </summary>
internal struct CanonicalEmitter
{
    private static readonly SearchValues<byte> RewriteStops = SearchValues.Create("\\"u8.ToArray().Append((byte)0xE2).ToArray());

    private readonly JsonTape _tape;
    private readonly bool _kernel;
    private byte[] _buffer;
    private int _length;

    private CanonicalEmitter(JsonTape tape, bool kernel, int capacity)
    {
        _tape = tape;
        _kernel = kernel;
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    /// <summary>Canonical bytes of the tape; the caller returns the array with <see cref="Return"/>.</summary>
    public static byte[] Emit(JsonTape tape, ReadOnlySpan<byte> json, bool kernel, out int length)
    {
        var emitter = new CanonicalEmitter(tape, kernel, Math.Max(json.Length + 16, 256));
        emitter.Run(json);
        length = emitter._length;
        return emitter._buffer;
    }

    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    private void Run(ReadOnlySpan<byte> json)
    {
        var tokens = _tape.Tokens;
        var members = _tape.Members;
        var stack = new PooledList<int>(16); // open containers; arrays also keep their current child
        try
        {
            int t = 0;
            while (true)
            {
                ref readonly var token = ref tokens[t];
                if (token.Kind == JsonTokenKind.Object && token.Length > 0)
                {
                    Write((byte)'{');
                    stack.Add(t);
                    stack.Add(0);
                    t = WriteKey(json, members[token.Start]);
                    continue;
                }

                if (token.Kind == JsonTokenKind.Array && token.Aux > t + 1)
                {
                    Write((byte)'[');
                    stack.Add(t);
                    stack.Add(t + 1);
                    t++;
                    continue;
                }

                WriteLeaf(json, token);

                // Move to the next sibling, closing finished containers on the way.
                while (true)
                {
                    if (stack.Count == 0)
                    {
                        return;
                    }

                    int position = stack.Pop();
                    int container = stack.Items[stack.Count - 1];
                    ref readonly var parent = ref tokens[container];
                    if (parent.Kind == JsonTokenKind.Object)
                    {
                        if (++position < parent.Length)
                        {
                            Write((byte)',');
                            stack.Add(position);
                            t = WriteKey(json, members[parent.Start + position]);
                            break;
                        }

                        Write((byte)'}');
                    }
                    else
                    {
                        int next = End(tokens, position);
                        if (next < parent.Aux)
                        {
                            Write((byte)',');
                            stack.Add(next);
                            t = next;
                            break;
                        }

                        Write((byte)']');
                    }

                    stack.Pop();
                }
            }
        }
        finally
        {
            stack.Dispose();
        }
    }

    private static int End(ReadOnlySpan<JsonToken> tokens, int index) =>
        tokens[index].Kind is JsonTokenKind.Object or JsonTokenKind.Array ? (int)tokens[index].Aux : index + 1;

    /// <summary>Writes <c>"key":</c> and returns the tape index of the member's value.</summary>
    private int WriteKey(ReadOnlySpan<byte> json, int keyIndex)
    {
        WriteString(json, _tape.Tokens[keyIndex]);
        Write((byte)':');
        return keyIndex + 1;
    }

    private void WriteLeaf(ReadOnlySpan<byte> json, in JsonToken token)
    {
        switch (token.Kind)
        {
            case JsonTokenKind.Object:
                Write("{}"u8);
                break;
            case JsonTokenKind.Array:
                Write("[]"u8);
                break;
            case JsonTokenKind.String:
                WriteString(json, token);
                break;
            case JsonTokenKind.Number:
                WriteNumber(json, token);
                break;
            default: // true, false, null
                Write(json.Slice(token.Start, token.Length));
                break;
        }
    }

    private void WriteNumber(ReadOnlySpan<byte> json, in JsonToken token)
    {
        var text = json.Slice(token.Start, token.Length);
        if ((token.Flags & JsonTokenFlags.Verbatim) != 0)
        {
            Write(text);
            return;
        }

        var span = Reserve(Es6Number.MaxLength);
        if ((token.Flags & JsonTokenFlags.ShortDecimal) != 0)
        {
            ShortDecimal.TryCreate(text, out var value);
            _length += value.IsZero
                ? Es6Number.Format(value.Negative ? -0.0 : 0.0, _kernel, span)
                : LayoutShortDecimal(value, span);
            return;
        }

        _length += Es6Number.Format(BitConverter.Int64BitsToDouble(token.Aux), _kernel, span);
    }

    private static int LayoutShortDecimal(ShortDecimal value, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[Es6Number.MaxLength];
        int count = value.Last - value.First + 1;
        for (int k = 0; k < count; k++)
        {
            digits[k] = value.DigitAt(value.First + k);
        }

        return Es6Number.Layout(value.Negative, digits[..count], value.PointPosition, destination);
    }

    private void WriteString(ReadOnlySpan<byte> json, in JsonToken token)
    {
        var raw = json.Slice(token.Start, token.Length);
        if ((token.Flags & JsonTokenFlags.NeedsRewrite) == 0)
        {
            // The common case: one reservation for the quotes and the bytes, copied as they are.
            var span = Reserve(raw.Length + 2);
            span[0] = (byte)'"';
            raw.CopyTo(span[1..]);
            span[raw.Length + 1] = (byte)'"';
            _length += raw.Length + 2;
            return;
        }

        Write((byte)'"');
        Rewrite(raw);
        Write((byte)'"');
    }

    /// <summary>Re-escapes a string body: resolves its escapes and writes each character canonically.</summary>
    private void Rewrite(ReadOnlySpan<byte> raw)
    {
        int i = 0;
        while (i < raw.Length)
        {
            int run = raw[i..].IndexOfAny(RewriteStops);
            int plain = run < 0 ? raw.Length - i : run;
            Write(raw.Slice(i, plain));
            i += plain;
            if (i >= raw.Length)
            {
                return;
            }

            if (raw[i] == (byte)'\\')
            {
                i = JsonTape.DecodeEscape(raw, i, out var rune);
                WriteRune(rune);
            }
            else if (_kernel && i + 2 < raw.Length && raw[i + 1] == 0x80 && (raw[i + 2] | 1) == 0xA9)
            {
                Write(raw[i + 2] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8);
                i += 3;
            }
            else
            {
                Write(raw[i]);
                i++;
            }
        }
    }

    private void WriteRune(Rune rune)
    {
        switch (rune.Value)
        {
            case '"': Write("\\\""u8); return;
            case '\\': Write("\\\\"u8); return;
            case '\b': Write("\\b"u8); return;
            case '\f': Write("\\f"u8); return;
            case '\n': Write("\\n"u8); return;
            case '\r': Write("\\r"u8); return;
            case '\t': Write("\\t"u8); return;
        }

        if (rune.Value < 0x20 || (_kernel && rune.Value is 0x2028 or 0x2029))
        {
            var span = Reserve(6);
            "\\u"u8.CopyTo(span);
            rune.Value.TryFormat(span[2..], out _, "x4", System.Globalization.CultureInfo.InvariantCulture);
            _length += 6;
            return;
        }

        _length += rune.EncodeToUtf8(Reserve(4));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>A writable span of at least <paramref name="size"/> bytes at the end; the caller advances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
        {
            Grow(size);
        }

        return _buffer.AsSpan(_length);
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_length + size)));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
