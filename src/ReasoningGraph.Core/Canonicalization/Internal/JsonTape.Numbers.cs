using System.Buffers.Text;
using System.Globalization;

namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>Number scanning: grammar, range check, and the choice of a formatting path.</summary>
internal sealed partial class JsonTape
{
    // An integer literal of up to 15 digits is exact in a double and already canonical.
    private const int ExactDigits = 15;

    private int ReadNumber(ReadOnlySpan<byte> json, int start)
    {
        int i = start;
        if (json[i] == (byte)'-')
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            throw Invalid(i);
        }

        if (json[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            while (i < json.Length && IsDigit(json[i]))
            {
                i++;
            }
        }

        int integerEnd = i;
        bool fraction = false, exponent = false;
        if (i < json.Length && json[i] == (byte)'.')
        {
            i = ReadDigits(json, i + 1);
            fraction = true;
        }

        if (i < json.Length && (json[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            i = ReadDigits(json, i);
            exponent = true;
        }

        var token = new JsonToken { Kind = JsonTokenKind.Number, Start = start, Length = i - start };
        var text = json[start..i];
        bool negativeZero = text.Length == 2 && text[0] == (byte)'-' && text[1] == (byte)'0';
        if (!fraction && !exponent && integerEnd - start <= ExactDigits && !negativeZero)
        {
            token.Flags = JsonTokenFlags.Verbatim;
        }
        else if (!exponent && ShortDecimal.TryCreate(text, out _))
        {
            token.Flags = JsonTokenFlags.ShortDecimal;
        }
        else
        {
            if (!TryParseDouble(text, out double value) || !double.IsFinite(value))
            {
                throw new CanonicalizationException(CanonicalJsonError.NumberOutOfRange, start);
            }

            token.Flags = JsonTokenFlags.HasDouble;
            token.Aux = BitConverter.DoubleToInt64Bits(value);
        }

        _tokens.Add(token);
        return i;
    }

    /// <summary>Correctly rounded parse of a grammar-checked number; overflow gives infinity.</summary>
    private static bool TryParseDouble(ReadOnlySpan<byte> text, out double value) =>
        // Utf8Parser shares the BCL's IEEE-correct conversion without the culture machinery (about twice as fast).
        (Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length)
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static int ReadDigits(ReadOnlySpan<byte> json, int i)
    {
        if (i >= json.Length || !IsDigit(json[i]))
        {
            throw Invalid(i);
        }

        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }
}
