using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace ReasoningGraph.Model;

/// <summary>
/// Timestamps as the Go Kernel writes them (<c>time.RFC3339Nano</c> in UTC): <c>2025-11-17T12:00:00.12345Z</c>,
/// trailing zeros of the fraction dropped, no fraction when it is zero, always <c>Z</c>. Stored timestamps
/// have microsecond precision.
/// </summary>
public static class Rfc3339Nano
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Converts to UTC and drops everything below a microsecond (truncation, never rounding up).</summary>
    /// <param name="value">Any instant.</param>
    /// <returns>The same instant in UTC at microsecond precision.</returns>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>Formats an instant in UTC, in Go's RFC3339Nano form.</summary>
    /// <param name="value">The instant; sub-microsecond ticks, if any, are written too (up to 7 fraction digits).</param>
    /// <returns>The text, for example <c>2025-11-17T12:00:00.12345Z</c>.</returns>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Format(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>The longest text <see cref="Format(DateTimeOffset, Span{byte})"/> writes.</summary>
    public const int MaxLength = 28;

    /// <summary>Formats an instant into UTF-8 bytes.</summary>
    /// <param name="value">The instant.</param>
    /// <param name="utf8">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Format(DateTimeOffset value, Span<byte> utf8)
    {
        var utc = value.UtcDateTime;
        int n = 0;
        n += Write(utf8[n..], utc.Year, 4);
        utf8[n++] = (byte)'-';
        n += Write(utf8[n..], utc.Month, 2);
        utf8[n++] = (byte)'-';
        n += Write(utf8[n..], utc.Day, 2);
        utf8[n++] = (byte)'T';
        n += Write(utf8[n..], utc.Hour, 2);
        utf8[n++] = (byte)':';
        n += Write(utf8[n..], utc.Minute, 2);
        utf8[n++] = (byte)':';
        n += Write(utf8[n..], utc.Second, 2);
        int fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            int digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            utf8[n++] = (byte)'.';
            n += Write(utf8[n..], fraction, digits);
        }

        utf8[n++] = (byte)'Z';
        return n;
    }

    /// <summary>
    /// Parses an RFC 3339 timestamp: <c>YYYY-MM-DDTHH:MM:SS</c>, an optional fraction of 1–9 digits, then
    /// <c>Z</c> or a <c>±HH:MM</c> offset. The result is in UTC; digits beyond the 100 ns tick are dropped.
    /// </summary>
    /// <param name="utf8">The text.</param>
    /// <param name="value">The instant, in UTC.</param>
    /// <returns>Whether the text is a valid timestamp.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;
        if (utf8.Length < 20 || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':'
            || !Digits(utf8[..4], out int year) || !Digits(utf8.Slice(5, 2), out int month) || !Digits(utf8.Slice(8, 2), out int day)
            || !Digits(utf8.Slice(11, 2), out int hour) || !Digits(utf8.Slice(14, 2), out int minute) || !Digits(utf8.Slice(17, 2), out int second))
        {
            return false;
        }

        int i = 19;
        long fractionTicks = 0;
        if (utf8[i] == '.')
        {
            int start = ++i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < utf8.Length && (uint)(utf8[i] - '0') <= 9)
            {
                scale /= 10;
                fractionTicks += (utf8[i] - '0') * scale;
                i++;
            }

            if (i == start || i - start > 9)
            {
                return false;
            }
        }

        if (!TryOffset(utf8[i..], out var offset) || hour > 23 || minute > 59 || second > 59
            || month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        value = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out DateTimeOffset)"/>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset value)
    {
        value = default;
        Span<byte> utf8 = stackalloc byte[64];
        return text is not null && System.Text.Encoding.UTF8.TryGetBytes(text, utf8, out int length) && TryParse(utf8[..length], out value);
    }

    private static bool TryOffset(ReadOnlySpan<byte> utf8, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (utf8.Length == 1 && utf8[0] == 'Z')
        {
            return true;
        }

        if (utf8.Length != 6 || (utf8[0] != '+' && utf8[0] != '-') || utf8[3] != ':'
            || !Digits(utf8.Slice(1, 2), out int hours) || !Digits(utf8.Slice(4, 2), out int minutes) || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (utf8[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (byte b in utf8)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static int Write(Span<byte> destination, int value, int digits)
    {
        Utf8Formatter.TryFormat(value, destination, out int written, new System.Buffers.StandardFormat('D', (byte)digits));
        return written;
    }
}
