using System.Globalization;
using System.Text;

namespace ReasoningGraph.Tests.Parity;

internal sealed partial class RandomJson
{
    private static readonly int[] Specials =
    [
        0x7f, 0x80, 0x9f, 0xa0, 0xad, 0x2028, 0x2029, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0xe000, 0xf8ff, 0xfb01,
        '<', '>', '&', '\\', '"', '/', '\'', 0x10000, 0x10ffff, 0x1f600,
    ];

    /// <summary>Up to <paramref name="max"/> Unicode scalar values from every range that matters to canonicalization.</summary>
    private string Text(int max)
    {
        var text = new StringBuilder();
        for (int n = _random.Next(max + 1); n > 0; n--)
        {
            text.Append(new Rune(CodePoint()).ToString());
        }

        return text.ToString();
    }

    private int CodePoint() => _random.Next(14) switch
    {
        < 5 => 0x20 + _random.Next(0x5f),
        5 => _random.Next(0x20),
        6 => 0xa0 + _random.Next(0x460),
        7 => 0x4e00 + _random.Next(0x5200),
        8 or 9 => Specials[_random.Next(Specials.Length)],
        10 => 0x1f300 + _random.Next(0x800),
        11 => 0x10000 + _random.Next(0x100000),
        12 => 0xe000 + _random.Next(0x2000),
        _ => 0x300 + _random.Next(0x70),
    };

    private string Identifier()
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789";
        var name = new StringBuilder();
        for (int n = 1 + _random.Next(10); n > 0; n--)
        {
            name.Append(Letters[_random.Next(Letters.Length)]);
        }

        return name.ToString();
    }

    /// <summary>Writes a string literal: required escapes always, optional ones (\/, \uXXXX, surrogate pairs) at random.</summary>
    private void String(string value)
    {
        _text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            int c = rune.Value;
            string? shortEscape = c switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\b' => "\\b", '\f' => "\\f", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t",
                '/' => "\\/",
                _ => null,
            };
            bool mustEscape = c < 0x20 || c == '"' || c == '\\';
            if (shortEscape is not null && (mustEscape || _random.Next(2) == 0) && _random.Next(3) != 0)
            {
                _text.Append(shortEscape);
            }
            else if (mustEscape || _random.Next(7) == 0)
            {
                UnicodeEscape(rune);
            }
            else
            {
                _text.Append(rune.ToString());
            }
        }

        _text.Append('"');
    }

    private void UnicodeEscape(Rune rune)
    {
        string format = _random.Next(2) == 0 ? "x4" : "X4";
        Span<char> units = stackalloc char[2];
        int length = rune.EncodeToUtf16(units);
        for (int i = 0; i < length; i++)
        {
            _text.Append("\\u").Append(((int)units[i]).ToString(format, CultureInfo.InvariantCulture));
        }
    }
}
