using System.Globalization;

namespace ReasoningGraph.Tests.Support;

/// <summary>
/// ECMAScript Number::toString for a double, written independently of the library: digits from .NET's
/// shortest round-trip "R" format, laid out by the spec's four cases with string operations.
/// </summary>
public static class Es6Reference
{
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, n) = Decompose(shortest);
        int k = digits.Length;
        string sign = value < 0 ? "-" : "";
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        string mantissa = k == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissa + "e" + (n - 1 < 0 ? "-" : "+") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Significant digits and n with value = 0.digits × 10^n, from any decimal or exponent text.</summary>
    private static (string Digits, int N) Decompose(string text)
    {
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        int point = text.IndexOf('.', StringComparison.Ordinal);
        string all = text.Replace(".", "", StringComparison.Ordinal);
        int n = (point < 0 ? text.Length : point) + exponent;
        string trimmed = all.TrimStart('0');
        n -= all.Length - trimmed.Length;
        return (trimmed.TrimEnd('0'), n);
    }

    /// <summary>Uniformly random finite double bit patterns.</summary>
    public static double RandomFinite(Random random)
    {
        while (true)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next() << 33));
            if (double.IsFinite(value))
            {
                return value;
            }
        }
    }
}
