using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Canonicalization;

/// <summary>Every input and output form, the options, and the error contract.</summary>
public sealed class CanonicalJsonApiTests
{
    private const string Input = "{ \"b\": [1.50, -0, 1e21, \"\\u2028\"], \"a\": {\"\\u0061\": true} }";
    private const string Kernel = "{\"a\":{\"a\":true},\"b\":[1.5,-0,1e+21,\"\\u2028\"]}";

    [Fact]
    public void Canonicalize_FromSpanStringAndSequence_GivesTheSameBytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Input);
        var fromSpan = CanonicalJson.Canonicalize(bytes);
        var fromString = CanonicalJson.Canonicalize(Input);
        var fromSequence = CanonicalJson.Canonicalize(SplitIntoSegments(bytes, 7));

        Assert.Equal(Kernel, Encoding.UTF8.GetString(fromSpan));
        Assert.Equal(fromSpan, fromString);
        Assert.Equal(fromSpan, fromSequence);
    }

    [Fact]
    public void Canonicalize_Rfc8785_WritesNegativeZeroAsZeroAndU2028Raw()
    {
        var bytes = CanonicalJson.Canonicalize(Input, CanonicalJsonOptions.Rfc8785);
        Assert.Equal("{\"a\":{\"a\":true},\"b\":[1.5,0,1e+21,\"\u2028\"]}", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Canonicalize_IntoBufferWriter_AppendsAndReturnsLength()
    {
        var writer = new ArrayBufferWriter<byte>();
        writer.Write("prefix:"u8);
        int written = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(Input), writer);

        Assert.Equal(Kernel.Length, written);
        Assert.Equal("prefix:" + Kernel, Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public async Task CanonicalizeAsync_StreamToStream_WritesCanonicalBytes()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Input));
        using var output = new MemoryStream();
        await CanonicalJson.CanonicalizeAsync(input, output);
        Assert.Equal(Kernel, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task CanonicalizeAsync_RejectedDocument_WritesNothing()
    {
        using var input = new MemoryStream("{\"a\":1,\"a\":2}"u8.ToArray());
        using var output = new MemoryStream();
        var error = await Assert.ThrowsAsync<CanonicalizationException>(() => CanonicalJson.CanonicalizeAsync(input, output));
        Assert.Equal(CanonicalJsonError.DuplicateKey, error.Reason);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void ComputeSha256_HashesTheCanonicalBytes()
    {
        var digest = CanonicalJson.ComputeSha256(Encoding.UTF8.GetBytes(Input));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(Kernel)), digest);
        Assert.Equal(64, CanonicalJson.ToHex(digest).Length);
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", CanonicalJsonError.DuplicateKey)]
    [InlineData("[\"\\ud800\"]", CanonicalJsonError.LoneSurrogate)]
    [InlineData("1e400", CanonicalJsonError.NumberOutOfRange)]
    [InlineData("[1,]", CanonicalJsonError.InvalidJson)]
    public void Rejection_CarriesStableCodes(string json, string reason)
    {
        var error = Assert.Throws<CanonicalizationException>(() => CanonicalJson.Canonicalize(json));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(ErrorCodes.CanonicalizationError, error.ErrorCode);
        Assert.Equal(reason, error.Details["reason"]);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void Canonicalize_StringWithUnpairedSurrogateChar_IsRejected()
    {
        var error = Assert.Throws<CanonicalizationException>(() => CanonicalJson.Canonicalize("[\"\ud800\"]"));
        Assert.Equal(CanonicalJsonError.LoneSurrogate, error.Reason);
    }

    [Fact]
    public void Canonicalize_InvalidUtf8Bytes_AreRejected()
    {
        var error = Assert.Throws<CanonicalizationException>(() => CanonicalJson.Canonicalize([(byte)'"', 0xC0, 0xAF, (byte)'"']));
        Assert.Equal(CanonicalJsonError.InvalidUtf8, error.Reason);
        Assert.Equal(1, error.Position);
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1, 2, false)]
    [InlineData(256, 256, true)]
    [InlineData(256, 257, false)]
    [InlineData(1000, 1000, true)]
    public void MaxDepth_IsConfigurableAndInclusive(int maxDepth, int depth, bool accepted)
    {
        string json = new string('[', depth) + new string(']', depth);
        var options = new CanonicalJsonOptions { MaxDepth = maxDepth };
        if (accepted)
        {
            Assert.Equal(json, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json, options)));
        }
        else
        {
            Assert.Equal(CanonicalJsonError.MaxDepth, Assert.Throws<CanonicalizationException>(() => CanonicalJson.Canonicalize(json, options)).Reason);
        }
    }

    [Fact]
    public void MaxDepth_MustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalJsonOptions { MaxDepth = 0 });

    private static ReadOnlySequence<byte> SplitIntoSegments(byte[] bytes, int size)
    {
        var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (int offset = size; offset < bytes.Length; offset += size)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
