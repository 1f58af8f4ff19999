using System.CommandLine;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Host.Cli;

/// <summary><c>hash [--profile kernel|rfc8785] [FILE|-]</c>.</summary>
internal static class HashCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        var file = CommonOptions.InputFile();
        var command = new Command("hash", "Print the lowercase hex SHA-256 of a JSON document's canonical bytes.")
        {
            profile, file,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var input = await CommonOptions.ReadInputAsync(parse.GetValue(file)!, cancellationToken);
                var digest = CanonicalJson.ComputeSha256(input, CommonOptions.ToOptions(parse.GetValue(profile)!));
                await Console.Out.WriteLineAsync(CanonicalJson.ToHex(digest));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is CanonicalizationException or IOException or UnauthorizedAccessException)
            {
                return await CommonOptions.ReportAsync(e);
            }
        });
        return command;
    }
}
