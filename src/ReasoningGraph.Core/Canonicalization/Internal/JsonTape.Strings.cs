using System.Runtime.CompilerServices;
using System.Text;

namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>String and key scanning: escape validation, surrogate pairing, key unescaping.</summary>
internal sealed partial class JsonTape
{
    private int ReadString(ReadOnlySpan<byte> json, int quote, JsonTokenKind kind)
    {
        var flags = JsonTokenFlags.None;
        bool escaped = false;
        int i = quote + 1;
        while (true)
        {
            i = NextStringStop(json, i);
            if (i < 0)
            {
                throw Invalid(json.Length);
            }

            byte b = json[i];
            if (b == (byte)'"')
            {
                break;
            }

            if (b == (byte)'\\')
            {
                i = ValidateEscape(json, i);
                escaped = true;
                flags |= JsonTokenFlags.NeedsRewrite;
            }
            else if (b == 0xE2)
            {
                // U+2028/U+2029 are E2 80 A8/A9; the input is known to be valid UTF-8 here.
                if (_kernel && i + 2 < json.Length && json[i + 1] == 0x80 && (json[i + 2] | 1) == 0xA9)
                {
                    flags |= JsonTokenFlags.NeedsRewrite;
                }

                i++;
            }
            else
            {
                throw Invalid(i); // a raw control character
            }
        }

        var token = new JsonToken { Kind = kind, Start = quote + 1, Length = i - quote - 1, Flags = flags };
        if (kind == JsonTokenKind.Key && escaped)
        {
            int offset = _keyScratch.Count;
            Unescape(json.Slice(token.Start, token.Length), ref _keyScratch);
            token.Flags |= JsonTokenFlags.KeyInScratch;
            token.Aux = ((long)offset << 32) | (uint)(_keyScratch.Count - offset);
        }

        _tokens.Add(token);
        return i + 1;
    }

    /// <summary>Index of the next byte that ends plain string content, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStringStop(ReadOnlySpan<byte> json, int i)
    {
        // Most strings are short: a table lookup per byte beats setting up a vectorized search.
        int scalarEnd = Math.Min(json.Length, i + 16);
        for (; i < scalarEnd; i++)
        {
            if (IsStringStop[json[i]])
            {
                return i;
            }
        }

        int run = json[i..].IndexOfAny(StringStops);
        return run < 0 ? -1 : i + run;
    }

    /// <summary>Validates the escape at <paramref name="i"/> (a backslash) and returns the index after it.</summary>
    private static int ValidateEscape(ReadOnlySpan<byte> json, int i)
    {
        if (i + 1 >= json.Length)
        {
            throw Invalid(i);
        }

        switch (json[i + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return i + 2;
            case (byte)'u':
                int unit = ReadHex4(json, i + 2);
                if (unit is >= 0xDC00 and <= 0xDFFF)
                {
                    throw new CanonicalizationException(CanonicalJsonError.LoneSurrogate, i);
                }

                if (unit is < 0xD800 or > 0xDBFF)
                {
                    return i + 6;
                }

                // A high surrogate must be followed at once by a low surrogate escape.
                if (i + 7 >= json.Length || json[i + 6] != (byte)'\\' || json[i + 7] != (byte)'u')
                {
                    throw new CanonicalizationException(CanonicalJsonError.LoneSurrogate, i);
                }

                int low = ReadHex4(json, i + 8);
                if (low is < 0xDC00 or > 0xDFFF)
                {
                    throw new CanonicalizationException(CanonicalJsonError.LoneSurrogate, i);
                }

                return i + 12;
            default:
                throw Invalid(i);
        }
    }

    private static int ReadHex4(ReadOnlySpan<byte> json, int i)
    {
        if (i + 4 > json.Length)
        {
            throw Invalid(i);
        }

        int value = 0;
        for (int k = i; k < i + 4; k++)
        {
            int digit = HexValue(json[k]);
            if (digit < 0)
            {
                throw Invalid(k);
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    // Two range checks instead of a three-armed switch the JIT would not inline: escape-heavy text spends a
    // noticeable share of its time here. `| 0x20` folds 'A'-'F' onto 'a'-'f' and maps no other byte into that range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HexValue(byte b)
    {
        int digit = b - '0';
        if ((uint)digit <= 9)
        {
            return digit;
        }

        int letter = (b | 0x20) - 'a';
        return (uint)letter <= 5 ? letter + 10 : -1;
    }

    /// <summary>Appends the UTF-8 of a validated string body with its escapes resolved.</summary>
    private static void Unescape(ReadOnlySpan<byte> raw, ref PooledList<byte> destination)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int i = 0;
        while (i < raw.Length)
        {
            int run = raw[i..].IndexOf((byte)'\\');
            int plain = run < 0 ? raw.Length - i : run;
            foreach (byte b in raw.Slice(i, plain))
            {
                destination.Add(b);
            }

            i += plain;
            if (i >= raw.Length)
            {
                break;
            }

            i = DecodeEscape(raw, i, out var rune);
            int length = rune.EncodeToUtf8(utf8);
            for (int k = 0; k < length; k++)
            {
                destination.Add(utf8[k]);
            }
        }
    }

    /// <summary>Decodes one validated escape starting at a backslash; returns the index after it.</summary>
    internal static int DecodeEscape(ReadOnlySpan<byte> raw, int i, out Rune rune)
    {
        byte e = raw[i + 1];
        if (e != (byte)'u')
        {
            rune = new Rune(e switch
            {
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                _ => (char)e, // " \ /
            });
            return i + 2;
        }

        int unit = ParseHex4(raw.Slice(i + 2, 4));
        if (unit is < 0xD800 or > 0xDBFF)
        {
            rune = new Rune(unit);
            return i + 6;
        }

        int low = ParseHex4(raw.Slice(i + 8, 4));
        rune = new Rune((char)unit, (char)low);
        return i + 12;
    }

    private static int ParseHex4(ReadOnlySpan<byte> hex) =>
        (HexValue(hex[0]) << 12) | (HexValue(hex[1]) << 8) | (HexValue(hex[2]) << 4) | HexValue(hex[3]);
}
