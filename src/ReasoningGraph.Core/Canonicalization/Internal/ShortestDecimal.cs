using System.Numerics;

namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>
/// Shortest round-trip decimal of a normal double by the Schubfach algorithm (R. Giulietti,
/// "The Schubfach way to render doubles", 2020): the shortest decimal in the rounding interval,
/// the closest to the value when several are, ties to even — the digits ES6 prints. Subnormals are
/// left to the caller because ES6 and Schubfach's reference treat their two-digit cases differently.
/// </summary>
internal static class ShortestDecimal
{
    private const int Precision = 53;
    private const int MinExponent = -1074;
    private const long HiddenBit = 1L << (Precision - 1);
    private const int MinK = -324;
    private const int MaxK = 292;
    private const ulong Mask63 = (1UL << 63) - 1;

    // g(k) = floor(10^-k · 2^(125 - floor(log2 10^-k))) + 1, split into 63-bit halves: g1·2^63 + g0.
    private static readonly ulong[] PowerTable = BuildPowerTable();

    /// <summary>
    /// Writes the significant digits of |<paramref name="value"/>| and returns <c>n</c> with value = 0.d1…dk × 10^n.
    /// Returns false for zero, subnormal and non-finite values.
    /// </summary>
    public static bool TryGetDigits(double value, Span<byte> digits, out int digitCount, out int n)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        int biased = (int)(bits >> (Precision - 1)) & 0x7FF;
        digitCount = n = 0;
        if (biased is 0 or 0x7FF)
        {
            return false;
        }

        long c = HiddenBit | (long)(bits & ((1UL << (Precision - 1)) - 1));
        int q = biased - 1075;
        long f;
        int e;
        if (q is < 0 and > -Precision && (c >> -q) << -q == c)
        {
            (f, e) = (c >> -q, 0); // an integer below 2^53 is its own shortest form
        }
        else
        {
            (f, e) = ToDecimal(q, c);
        }

        while (f % 10 == 0)
        {
            f /= 10;
            e++;
        }

        f.TryFormat(digits, out digitCount, default, System.Globalization.CultureInfo.InvariantCulture);
        n = digitCount + e;
        return true;
    }

    private static (long Significand, int Exponent) ToDecimal(int q, long c)
    {
        long output = c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != HiddenBit || q == MinExponent)
        {
            cbl = cb - 2;
            k = FloorLog10Pow2(q);
        }
        else
        {
            cbl = cb - 1;
            k = FloorLog10ThreeQuartersPow2(q);
        }

        int h = q + FloorLog2Pow10(-k) + 2;
        ulong g1 = PowerTable[(k - MinK) * 2];
        ulong g0 = PowerTable[((k - MinK) * 2) + 1];
        long vb = RoundToOdd(g1, g0, cb << h);
        long vbl = RoundToOdd(g1, g0, cbl << h);
        long vbr = RoundToOdd(g1, g0, cbr << h);

        long s = vb >> 2;
        if (s >= 100)
        {
            long sp10 = 10 * (long)Math.BigMul((ulong)s, 115_292_150_460_684_698UL << 4, out _);
            long tp10 = sp10 + 10;
            bool upin = vbl + output <= sp10 << 2;
            bool wpin = (tp10 << 2) + output <= vbr;
            if (upin != wpin)
            {
                return (upin ? sp10 : tp10, k);
            }
        }

        long t = s + 1;
        bool uin = vbl + output <= s << 2;
        bool win = (t << 2) + output <= vbr;
        if (uin != win)
        {
            return (uin ? s : t, k);
        }

        long cmp = vb - ((s + t) << 1);
        return (cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t, k);
    }

    /// <summary>Round-to-odd of cp · g · 2^-127.</summary>
    private static long RoundToOdd(ulong g1, ulong g0, long cp)
    {
        ulong x1 = Math.BigMul(g0, (ulong)cp, out _);
        ulong y1 = Math.BigMul(g1, (ulong)cp, out ulong y0);
        ulong z = (y0 >> 1) + x1;
        ulong vbp = y1 + (z >> 63);
        return (long)(vbp | (((z & Mask63) + Mask63) >> 63));
    }

    private static int FloorLog10Pow2(int e) => (int)((e * 661_971_961_083L) >> 41);

    private static int FloorLog10ThreeQuartersPow2(int e) => (int)(((e * 661_971_961_083L) - 274_743_187_321L) >> 41);

    private static int FloorLog2Pow10(int e) => (int)((e * 913_124_641_741L) >> 38);

    private static ulong[] BuildPowerTable()
    {
        var table = new ulong[(MaxK - MinK + 1) * 2];
        for (int k = MinK; k <= MaxK; k++)
        {
            int shift = 125 - FloorLog2Pow10(-k); // β = 10^-k · 2^shift lies in [2^125, 2^126)
            BigInteger beta = -k >= 0
                ? shift >= 0 ? BigInteger.Pow(10, -k) << shift : BigInteger.Pow(10, -k) >> -shift
                : (BigInteger.One << shift) / BigInteger.Pow(10, k);
            var g = beta + 1;
            table[(k - MinK) * 2] = (ulong)(g >> 63);
            table[((k - MinK) * 2) + 1] = (ulong)(g & Mask63);
        }

        return table;
    }
}
