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
                    await WriteLinesAsync(input, options, stdout, cancellationToken);
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

    private static async Task WriteLinesAsync(byte[] input, CanonicalJsonOptions options, Stream stdout, CancellationToken cancellationToken)
    {
        await using var output = new BufferedStream(stdout, 1 << 16);
        int start = 0;
        while (start < input.Length)
        {
            int newline = Array.IndexOf(input, (byte)'\n', start);
            int end = newline < 0 ? input.Length : newline;
            byte[] line;
            try
            {
                line = CanonicalJson.Canonicalize(input.AsSpan(start, end - start), options);
            }
            catch (CanonicalizationException e)
            {
                line = System.Text.Encoding.UTF8.GetBytes("!error " + e.Reason);
            }

            await output.WriteAsync(line, cancellationToken);
            output.WriteByte((byte)'\n');
            start = end + 1;
        }
    }
}
