using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// Progress of a long command on stderr (stdout stays the command's machine output): items done and the rate, and,
/// when the share done is known, a percentage and the time left. On a terminal one line is redrawn in place (at most
/// five times a second); otherwise a plain line every five seconds, which a log keeps readable. Either way a summary
/// line at the end. <c>--quiet</c> prints nothing.
/// </summary>
internal sealed class CliProgress : IDisposable
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200), LogInterval = TimeSpan.FromSeconds(5);

    private readonly string _what;
    private readonly Func<double?> _fraction;
    private readonly TextWriter? _output;
    private readonly bool _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _writing = new();
    private TimeSpan _lastReport;
    private long _done;

    private CliProgress(string what, Func<double?> fraction, TextWriter? output, bool terminal)
    {
        _what = what;
        _fraction = fraction;
        _output = output;
        _terminal = terminal;
    }

    /// <summary>The shared <c>--quiet</c> option.</summary>
    public static Option<bool> QuietOption() => new("--quiet", "-q") { Description = "Print no progress on stderr (stdout is unchanged)." };

    /// <summary>
    /// Starts reporting on stderr, or nothing when <paramref name="quiet"/>. The share done (0–1) comes from
    /// <paramref name="fraction"/>, or from the items done out of <paramref name="total"/>, when either is known.
    /// </summary>
    public static CliProgress Start(string what, bool quiet, Func<double?>? fraction = null, long? total = null)
    {
        CliProgress? progress = null;
        Func<double?> share = fraction
            ?? (total is > 0 ? () => (double)progress!.Done / total.Value : static () => null);
        progress = new(what, share, quiet ? null : Console.Error, !Console.IsErrorRedirected);
        return progress;
    }

    /// <summary>Items done so far.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Counts <paramref name="items"/> more and reports when it is time to.</summary>
    public void Add(long items = 1)
    {
        Interlocked.Add(ref _done, items);
        if (_output is null)
        {
            return;
        }

        var now = _clock.Elapsed;
        if (now - _lastReport >= (_terminal ? TerminalInterval : LogInterval))
        {
            _lastReport = now;
            Write(Line(now), final: false);
        }
    }

    /// <summary>Passes <paramref name="items"/> through, counting each.</summary>
    public async IAsyncEnumerable<T> Count<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Add();
            yield return item;
        }
    }

    /// <summary>The summary line.</summary>
    public void Dispose()
    {
        if (_output is not null)
        {
            var elapsed = _clock.Elapsed;
            Write($"{_what}: {Done.ToString("N0", CultureInfo.InvariantCulture)} items in {elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s ({Rate(elapsed)}/s)", final: true);
        }
    }

    private string Line(TimeSpan elapsed)
    {
        string line = $"{_what}: {Done.ToString("N0", CultureInfo.InvariantCulture)} items, {Rate(elapsed)}/s";
        if (_fraction() is { } share && share is > 0 and <= 1)
        {
            var left = TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - share) / share);
            line += $", {(share * 100).ToString("F0", CultureInfo.InvariantCulture)}%, about {Math.Ceiling(left.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s left";
        }

        return line;
    }

    private string Rate(TimeSpan elapsed) =>
        (elapsed.TotalSeconds > 0 ? Done / elapsed.TotalSeconds : 0).ToString("N0", CultureInfo.InvariantCulture);

    private void Write(string line, bool final)
    {
        lock (_writing)
        {
            if (_terminal)
            {
                _output!.Write("\r\u001b[K" + line + (final ? Environment.NewLine : string.Empty));
            }
            else
            {
                _output!.WriteLine(line);
            }

            _output.Flush();
        }
    }
}
