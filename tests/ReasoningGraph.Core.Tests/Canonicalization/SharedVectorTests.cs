using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.Canonicalization;

/// <summary>Every case of the shared corpora (../shared/vectors) computed by independent implementations.</summary>
public sealed class SharedVectorTests
{
    [Theory]
    [InlineData("kernel-go-parity.jsonl", CanonicalProfile.Kernel)]
    [InlineData("rfc8785-parity.jsonl", CanonicalProfile.Rfc8785)]
    public void Corpus_EveryCaseMatchesExpectedBytesOrError(string file, CanonicalProfile profile)
    {
        var options = new CanonicalJsonOptions { Profile = profile };
        var cases = VectorCase.Load(Path.Combine(RepositoryPaths.SharedVectors, file)).ToList();
        var failures = new List<string>();
        foreach (var vector in cases)
        {
            string actual;
            try
            {
                var bytes = CanonicalJson.Canonicalize(vector.Input, options);
                actual = Encoding.UTF8.GetString(bytes);
                if (vector.Sha256 is not null && Convert.ToHexStringLower(SHA256.HashData(bytes)) != vector.Sha256)
                {
                    failures.Add($"{vector.Name}: sha256 differs");
                }
            }
            catch (CanonicalizationException e)
            {
                actual = "!error " + e.Reason;
            }

            string expected = vector.Error is null ? vector.Canonical! : "!error " + vector.Error;
            if (actual != expected)
            {
                failures.Add($"{vector.Name}: expected {Shorten(expected)} got {Shorten(actual)}");
            }
        }

        Assert.True(cases.Count >= 3000, $"corpus has only {cases.Count} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public void Es6Numbers_EveryDoubleFormatsLikeNumberToString()
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.SharedVectors, "es6-numbers.csv")))
        {
            count++;
            int comma = line.IndexOf(',', StringComparison.Ordinal);
            ulong bits = ulong.Parse(line.AsSpan(0, comma), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            double value = BitConverter.UInt64BitsToDouble(bits);
            string expected = line[(comma + 1)..];
            string json = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

            string rfc = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json, CanonicalJsonOptions.Rfc8785));
            string kernel = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json, CanonicalJsonOptions.Kernel));
            string expectedKernel = bits == 0x8000000000000000 ? "-0" : expected;
            if (rfc != expected || kernel != expectedKernel)
            {
                failures.Add($"{line}: rfc8785 {rfc}, kernel {kernel}");
            }
        }

        Assert.Equal(200_000, count);
        Assert.True(failures.Count == 0, $"{failures.Count} failed:\n" + string.Join('\n', failures.Take(40)));
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
