using System.Globalization;
using System.Text;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Tests.Parity;

/// <summary>Compares CanonicalJson with a reference on freshly generated documents.</summary>
internal static class ParityCheck
{
    /// <summary>A fresh seed per run, or <c>RG_PARITY_SEED</c> to replay a failure.</summary>
    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("RG_PARITY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : Random.Shared.Next();

    public static async Task AssertMatchesAsync(
        string reference, CanonicalJsonOptions options, int count, Func<IReadOnlyList<byte[]>, Task<IReadOnlyList<string>>> run)
    {
        int seed = Seed();
        var generator = new RandomJson(seed);
        var documents = Enumerable.Range(0, count).Select(_ => Encoding.UTF8.GetBytes(generator.Document())).ToList();

        var expected = await run(documents);

        var failures = new List<string>();
        for (int i = 0; i < documents.Count; i++)
        {
            if (Compare(documents[i], expected[i], options) is { } problem)
            {
                failures.Add($"document {i} (input_b64 {Convert.ToBase64String(documents[i])}): {problem}");
            }
        }

        Assert.True(
            failures.Count == 0,
            $"seed {seed} (replay with RG_PARITY_SEED={seed}): {failures.Count} of {count} documents differ from {reference}:\n" +
            string.Join("\n", failures.Take(10)));
    }

    private static string? Compare(byte[] document, string referenceLine, CanonicalJsonOptions options)
    {
        if (referenceLine.StartsWith('!'))
        {
            return $"the reference refuses it ({referenceLine}), so the generator made an invalid document";
        }

        byte[] expected = Convert.FromBase64String(referenceLine);
        try
        {
            byte[] actual = CanonicalJson.Canonicalize(document, options);
            return actual.AsSpan().SequenceEqual(expected)
                ? null
                : $"expected {Encoding.UTF8.GetString(expected)} but got {Encoding.UTF8.GetString(actual)}";
        }
        catch (CanonicalizationException e)
        {
            return $"expected {Encoding.UTF8.GetString(expected)} but CanonicalJson rejects it: {e.Reason} at byte {e.Position}";
        }
    }
}
