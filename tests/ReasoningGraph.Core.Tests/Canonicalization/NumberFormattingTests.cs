using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.Canonicalization;

/// <summary>Numbers take three paths (verbatim integers, short decimals, parsed doubles); all must print like ES6.</summary>
public sealed class NumberFormattingTests
{
    [Fact]
    public void RandomDoubles_InEveryInputSpelling_PrintLikeNumberToString()
    {
        var random = new Random(20251117);
        var failures = new List<string>();
        for (int i = 0; i < 300_000; i++)
        {
            double value = i % 3 == 0 ? Es6Reference.RandomFinite(random) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            string expected = Es6Reference.Format(value);
            foreach (string spelling in new[] { "E16", "R", "F20" })
            {
                string input = value.ToString(spelling, CultureInfo.InvariantCulture);
                if (spelling == "F20" && (Math.Abs(value) > 1e20 || Math.Abs(value) < 1e-5))
                {
                    continue; // fixed notation would drop the digits that matter
                }

                string actual = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(input, CanonicalJsonOptions.Rfc8785));
                if (spelling != "F20" ? actual != expected : double.Parse(actual, CultureInfo.InvariantCulture) != double.Parse(input, CultureInfo.InvariantCulture))
                {
                    failures.Add($"{input} ({spelling}): expected {expected}, got {actual}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join('\n', failures.Take(20)));
    }

    [Property(MaxTest = 2000)]
    public bool ArbitraryBitPatterns_PrintLikeNumberToString(long bits)
    {
        double value = BitConverter.Int64BitsToDouble(bits);
        if (!double.IsFinite(value))
        {
            return true;
        }

        string input = value.ToString("E16", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetString(CanonicalJson.Canonicalize(input, CanonicalJsonOptions.Rfc8785)) == Es6Reference.Format(value);
    }

    [Theory]
    [InlineData("-0", "-0", "0")]
    [InlineData("-0.000", "-0", "0")]
    [InlineData("-1e-400", "-0", "0")]
    [InlineData("4.9406564584124654e-324", "5e-324", "5e-324")]
    [InlineData("2.2250738585072014e-308", "2.2250738585072014e-308", "2.2250738585072014e-308")]
    [InlineData("9007199254740993", "9007199254740992", "9007199254740992")]
    [InlineData("1000000000000000000000", "1e+21", "1e+21")]
    [InlineData("999999999999999999999", "1e+21", "1e+21")]
    [InlineData("0.0000010", "0.000001", "0.000001")]
    [InlineData("0.00000010", "1e-7", "1e-7")]
    [InlineData("100000000000000000000.0", "100000000000000000000", "100000000000000000000")]
    [InlineData("0.29999999999999999", "0.3", "0.3")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308", "1.7976931348623157e+308")]
    public void EdgeNumbers_PrintPerProfile(string input, string kernel, string rfc8785)
    {
        Assert.Equal(kernel, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(input, CanonicalJsonOptions.Kernel)));
        Assert.Equal(rfc8785, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(input, CanonicalJsonOptions.Rfc8785)));
    }
}
