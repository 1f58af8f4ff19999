using System.Buffers;
using System.CommandLine;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Host.Cli;

/// <summary><c>canonicalize [--profile kernel|rfc8785] [--lines] [FILE|-]</c>.</summary>
internal static class CanonicalizeCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        var lines = new Option<bool>("--lines")
        {
            Description = "Treat each input line as one document; write one output line each: its canonical text, " +
                          "or '!error <code>' when it is rejected. Always exits 0 once the input is read.",
        };
        var file = CommonOptions.InputFile();
        var command = new Command("canonicalize", "Write the canonical bytes of a JSON document to standard output (no trailing newline).")
        {
            profile, lines, file,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = CommonOptions.ToOptions(parse.GetValue(profile)!);
            try
            {
                var input = await CommonOptions.ReadInputAsync(parse.GetValue(file)!, cancellationToken);
                await using var stdout = Console.OpenStandardOutput();
                if (parse.GetValue(lines))
                {
                    WriteLines(input, options, stdout, cancellationToken);
                }
                else
                {
                    await stdout.WriteAsync(CanonicalJson.Canonicalize(input, options), cancellationToken);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is CanonicalizationException or IOException or UnauthorizedAccessException)
            {
                return await CommonOptions.ReportAsync(e);
            }
        });
        return command;
    }

    /// <summary>
    /// Canonicalizes pieces of about 1 MiB, cut at line ends, on every core, and writes their output in input order,
    /// a window of pieces at a time so memory stays bounded whatever the input's size. Each piece is canonicalized line
    /// by line into one reused buffer: no array and no asynchronous write per line, which on a short-lived process
    /// cost more than the canonicalization (docs/BENCHMARKS.md, "The command line's speed").
    /// </summary>
    private static void WriteLines(byte[] input, CanonicalJsonOptions options, Stream stdout, CancellationToken cancellationToken)
    {
        const int PieceSize = 1 << 20;
        var window = new ArrayBufferWriter<byte>[Environment.ProcessorCount * 2];
        for (int i = 0; i < window.Length; i++)
        {
            window[i] = new ArrayBufferWriter<byte>(PieceSize + (PieceSize / 4));
        }

        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        int next = 0;
        while (next < input.Length)
        {
            var pieces = new List<(int Start, int End)>(window.Length);
            while (pieces.Count < window.Length && next < input.Length)
            {
                int end = Math.Min(next + PieceSize, input.Length);
                int newline = end == input.Length ? -1 : input.AsSpan(end).IndexOf((byte)'\n');
                end = newline < 0 ? input.Length : end + newline + 1;
                pieces.Add((next, end));
                next = end;
            }

            Parallel.For(0, pieces.Count, parallel, i =>
            {
                window[i].ResetWrittenCount();
                CanonicalizeLines(input.AsSpan(pieces[i].Start, pieces[i].End - pieces[i].Start), options, window[i]);
            });
            for (int i = 0; i < pieces.Count; i++)
            {
                stdout.Write(window[i].WrittenSpan);
            }
        }
    }

    private static void CanonicalizeLines(ReadOnlySpan<byte> lines, CanonicalJsonOptions options, ArrayBufferWriter<byte> output)
    {
        while (!lines.IsEmpty)
        {
            int newline = lines.IndexOf((byte)'\n');
            var line = newline < 0 ? lines : lines[..newline];
            try
            {
                CanonicalJson.Canonicalize(line, output, options);
            }
            catch (CanonicalizationException e)
            {
                output.Write("!error "u8);
                output.Write(System.Text.Encoding.UTF8.GetBytes(e.Reason));
            }

            output.Write("\n"u8);
            lines = newline < 0 ? default : lines[(newline + 1)..];
        }
    }
}
