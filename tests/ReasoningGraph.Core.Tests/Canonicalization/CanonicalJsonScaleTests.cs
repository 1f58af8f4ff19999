using System.Text;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Tests.Canonicalization;

/// <summary>Large and deep documents: memory stays linear in the input, whatever the nesting.</summary>
public sealed class CanonicalJsonScaleTests
{
    [Fact]
    public void HundredMegabyteDocument_Canonicalizes()
    {
        var node = "{\"type\":\"observation\",\"payload\":{\"score\":0.95,\"reason\":\"throughput improved\",\"tags\":[\"a\",\"b\"]},\"id\":\"%\"}"u8;
        var document = new MemoryStream(110 * 1024 * 1024);
        document.WriteByte((byte)'[');
        int count = 0;
        while (document.Length < 100 * 1024 * 1024)
        {
            if (count++ > 0)
            {
                document.WriteByte((byte)',');
            }

            document.Write(node);
        }

        document.WriteByte((byte)']');
        var canonical = CanonicalJson.Canonicalize(document.GetBuffer().AsSpan(0, (int)document.Length));

        Assert.Equal(document.Length, canonical.Length); // same members, reordered, no whitespace in the input
        Assert.StartsWith("[{\"id\":\"%\",\"payload\":{\"reason\":", Encoding.UTF8.GetString(canonical, 0, 64), StringComparison.Ordinal);
    }

    [Fact]
    public void DeepAndWideDocument_AllocatesInProportionToItsSize()
    {
        // 200 levels, each level an object with a wide sibling array: size × depth would be quadratic.
        var text = new StringBuilder();
        for (int level = 0; level < 200; level++)
        {
            text.Append("{\"wide\":[").Append(string.Join(',', Enumerable.Range(0, 200))).Append("],\"next\":");
        }

        text.Append("null").Append('}', 200);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        CanonicalJson.Canonicalize(bytes); // warm the per-thread pools

        long before = GC.GetAllocatedBytesForCurrentThread();
        var canonical = CanonicalJson.Canonicalize(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(bytes.Length, canonical.Length);
        Assert.True(allocated < bytes.Length * 2L, $"allocated {allocated} bytes for a {bytes.Length}-byte document");
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(60 * 1024)]
    public void SteadyState_AllocatesOnlyTheResult(int size)
    {
        var bytes = Encoding.UTF8.GetBytes(Document(size));
        CanonicalJson.Canonicalize(bytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var canonical = CanonicalJson.Canonicalize(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The returned array plus its object header; nothing else.
        Assert.True(allocated <= canonical.Length + 64, $"allocated {allocated} bytes for a {canonical.Length}-byte result");
    }

    private static string Document(int size)
    {
        var text = new StringBuilder("{\"items\":[");
        for (int i = 0; text.Length < size; i++)
        {
            text.Append(i == 0 ? "" : ",")
                .Append("{\"z\":").Append(i).Append(",\"score\":0.").Append(i % 97)
                .Append(",\"name\":\"item ").Append(i).Append(" \\u00e9\",\"ok\":true}");
        }

        return text.Append("]}").ToString();
    }
}
