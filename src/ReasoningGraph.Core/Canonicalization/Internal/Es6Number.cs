using System.Globalization;

namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>
/// Writes doubles the way ECMAScript's <c>Number.prototype.toString</c> does (RFC 8785 §3.2.2.3):
/// the shortest round-trip digits, plain between 1e-6 and 1e21, exponent form outside.
/// </summary>
internal static class Es6Number
{
    /// <summary>Longest text this class writes ("-1.2345678901234567e-308" is 24 bytes).</summary>
    public const int MaxLength = 32;

    /// <summary>Formats a finite double; zero is written <c>0</c>, or <c>-0</c> when <paramref name="keepNegativeZero"/>.</summary>
    public static int Format(double value, bool keepNegativeZero, Span<byte> destination)
    {
        if (value == 0)
        {
            bool minus = keepNegativeZero && double.IsNegative(value);
            return Write(minus ? "-0"u8 : "0"u8, destination);
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        if (ShortestDecimal.TryGetDigits(value, digits, out int count, out int exponent))
        {
            return Layout(double.IsNegative(value), digits[..count], exponent, destination);
        }

        return FormatSubnormal(value, destination);
    }

    /// <summary>Subnormals are rare: .NET's "R" gives their shortest digits; only the layout differs from ES6.</summary>
    private static int FormatSubnormal(double value, Span<byte> destination)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        value.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
        text = text[..written];

        bool negative = text[0] == (byte)'-';
        if (negative)
        {
            text = text[1..];
        }

        int e = text.IndexOf((byte)'E');
        int exponent = 0;
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        int count = 0, point = -1;
        foreach (byte b in text)
        {
            if (b == (byte)'.')
            {
                point = count;
            }
            else
            {
                digits[count++] = b;
            }
        }

        int n = (point < 0 ? count : point) + exponent;
        int first = 0;
        while (digits[first] == (byte)'0')
        {
            first++;
            n--;
        }

        int last = count - 1;
        while (digits[last] == (byte)'0')
        {
            last--;
        }

        return Layout(negative, digits[first..(last + 1)], n, destination);
    }

    /// <summary>
    /// Lays out the significant <paramref name="digits"/> d1…dk of the value 0.d1…dk × 10^<paramref name="n"/>.
    /// </summary>
    public static int Layout(bool negative, ReadOnlySpan<byte> digits, int n, Span<byte> destination)
    {
        int k = digits.Length;
        int w = 0;
        if (negative)
        {
            destination[w++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            digits.CopyTo(destination[w..]);
            w += k;
            destination.Slice(w, n - k).Fill((byte)'0');
            return w + n - k;
        }

        if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(destination[w..]);
            w += n;
            destination[w++] = (byte)'.';
            digits[n..].CopyTo(destination[w..]);
            return w + k - n;
        }

        if (-6 < n && n <= 0)
        {
            destination[w++] = (byte)'0';
            destination[w++] = (byte)'.';
            destination.Slice(w, -n).Fill((byte)'0');
            w += -n;
            digits.CopyTo(destination[w..]);
            return w + k;
        }

        destination[w++] = digits[0];
        if (k > 1)
        {
            destination[w++] = (byte)'.';
            digits[1..].CopyTo(destination[w..]);
            w += k - 1;
        }

        destination[w++] = (byte)'e';
        destination[w++] = n - 1 < 0 ? (byte)'-' : (byte)'+';
        Math.Abs(n - 1).TryFormat(destination[w..], out int expLength, default, CultureInfo.InvariantCulture);
        return w + expLength;
    }

    private static int Write(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
