namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>
/// A decimal literal without exponent and with at most 15 significant digits, in the normal double
/// range. Its shortest round-trip digits are its own significant digits, so it is laid out directly
/// without a parse/format round trip through <see cref="double"/>.
/// </summary>
internal readonly ref struct ShortDecimal
{
    private const int MaxDigits = 15;
    private const int ExponentLimit = 290;

    private ShortDecimal(ReadOnlySpan<byte> integer, ReadOnlySpan<byte> fraction, bool negative, int first, int last)
    {
        Integer = integer;
        Fraction = fraction;
        Negative = negative;
        First = first;
        Last = last;
    }

    /// <summary>Digits before the point (no sign).</summary>
    public ReadOnlySpan<byte> Integer { get; }

    /// <summary>Digits after the point.</summary>
    public ReadOnlySpan<byte> Fraction { get; }

    public bool Negative { get; }

    /// <summary>Index of the first non-zero digit in Integer ‖ Fraction; -1 when the value is zero.</summary>
    public int First { get; }

    /// <summary>Index of the last non-zero digit in Integer ‖ Fraction.</summary>
    public int Last { get; }

    public bool IsZero => First < 0;

    /// <summary>The decimal exponent n with value = 0.d1d2… × 10^n.</summary>
    public int PointPosition => Integer.Length - First;

    public byte DigitAt(int index) => index < Integer.Length ? Integer[index] : Fraction[index - Integer.Length];

    public static bool TryCreate(ReadOnlySpan<byte> text, out ShortDecimal value)
    {
        bool negative = text[0] == (byte)'-';
        var unsigned = negative ? text[1..] : text;
        int point = unsigned.IndexOf((byte)'.');
        var integer = point < 0 ? unsigned : unsigned[..point];
        var fraction = point < 0 ? [] : unsigned[(point + 1)..];

        int first = -1, last = -1;
        for (int k = 0; k < integer.Length + fraction.Length; k++)
        {
            byte d = k < integer.Length ? integer[k] : fraction[k - integer.Length];
            if (d != (byte)'0')
            {
                if (first < 0)
                {
                    first = k;
                }

                last = k;
            }
        }

        value = new ShortDecimal(integer, fraction, negative, first, last);
        if (first < 0)
        {
            return true;
        }

        int exponent = integer.Length - first;
        return last - first < MaxDigits && exponent is > -ExponentLimit and < ExponentLimit;
    }
}
