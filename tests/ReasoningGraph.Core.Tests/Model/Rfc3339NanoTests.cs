using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Model;

namespace ReasoningGraph.Tests.Model;

public sealed class Rfc3339NanoTests
{
    private static readonly DateTimeOffset Noon = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "2025-11-17T12:00:00Z")]
    [InlineData(1_234_500, "2025-11-17T12:00:00.12345Z")]
    [InlineData(1_000_000, "2025-11-17T12:00:00.1Z")]
    [InlineData(10, "2025-11-17T12:00:00.000001Z")]
    [InlineData(9_999_990, "2025-11-17T12:00:00.999999Z")]
    public void Format_DropsTrailingFractionZerosAndAlwaysEndsInZ(long ticks, string expected) =>
        Assert.Equal(expected, Rfc3339Nano.Format(Noon.AddTicks(ticks)));

    [Fact]
    public void Format_WritesUtcForOtherOffsets() =>
        Assert.Equal("2025-11-17T10:00:00Z", Rfc3339Nano.Format(new DateTimeOffset(2025, 11, 17, 12, 0, 0, TimeSpan.FromHours(2))));

    [Fact]
    public void ToStoredPrecision_TruncatesBelowOneMicrosecond() =>
        Assert.Equal(Noon.AddTicks(1_234_560), Rfc3339Nano.ToStoredPrecision(Noon.AddTicks(1_234_569)));

    [Theory]
    [InlineData("2025-11-17T12:00:00Z", 0)]
    [InlineData("2025-11-17T12:00:00.12345Z", 1_234_500)]
    [InlineData("2025-11-17T12:00:00.123456789Z", 1_234_567)]
    [InlineData("2025-11-17T14:00:00.5+02:00", 5_000_000)]
    [InlineData("2025-11-17T11:30:00-00:30", 0)]
    public void TryParse_AcceptsRfc3339AndReturnsUtc(string text, long ticks)
    {
        Assert.True(Rfc3339Nano.TryParse(text, out var value));
        Assert.Equal(Noon.AddTicks(ticks), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2025-11-17 12:00:00Z")]
    [InlineData("2025-11-17T12:00:00")]
    [InlineData("2025-11-17T12:00:00.Z")]
    [InlineData("2025-11-17T12:00:00.1234567890Z")]
    [InlineData("2025-02-30T12:00:00Z")]
    [InlineData("2025-11-17T24:00:00Z")]
    [InlineData("not a time")]
    public void TryParse_RejectsMalformedTimestamps(string text) => Assert.False(Rfc3339Nano.TryParse(text, out _));

    [Fact]
    public void FormatThenParse_RoundTripsEveryMicrosecondInstant()
    {
        var instants = ArbMap.Default.GeneratorFor<long>()
            .Select(v => new DateTimeOffset(Math.Abs(v % (DateTimeOffset.MaxValue.UtcTicks / 10)) * 10, TimeSpan.Zero));
        Prop.ForAll(instants.ToArbitrary(), instant =>
        {
            string text = Rfc3339Nano.Format(instant);
            return Rfc3339Nano.TryParse(Encoding.ASCII.GetBytes(text), out var parsed) && parsed == instant
                && !text.Contains(".0Z", StringComparison.Ordinal) && text.EndsWith('Z');
        }).QuickCheckThrowOnFailure();
    }
}
