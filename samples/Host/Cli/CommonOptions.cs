using System.CommandLine;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Host.Cli;

/// <summary>Options and arguments shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string> Profile() => new Option<string>("--profile")
    {
        Description = "Canonical profile: 'kernel' (byte-identical to the Go Kernel) or 'rfc8785' (JCS).",
        DefaultValueFactory = _ => "kernel",
        HelpName = "kernel|rfc8785",
    }.AcceptOnlyFromAmong("kernel", "rfc8785");

    public static Argument<string> InputFile() => new("FILE")
    {
        Description = "The JSON document to read; '-' or nothing reads standard input.",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => "-",
    };

    public static CanonicalJsonOptions ToOptions(string profile) =>
        profile == "rfc8785" ? CanonicalJsonOptions.Rfc8785 : CanonicalJsonOptions.Kernel;

    /// <summary>Reads a whole file, or standard input for '-', as raw bytes (no BOM or newline translation).</summary>
    public static async Task<byte[]> ReadInputAsync(string path, CancellationToken cancellationToken)
    {
        if (path != "-")
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }

        await using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        await stdin.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Reports an input that cannot be read or canonicalized; returns the exit code.</summary>
    public static async Task<int> ReportAsync(Exception exception)
    {
        string message = exception switch
        {
            CanonicalizationException c => $"{c.Reason} at byte {c.Position}",
            FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => exception.Message,
            _ => throw exception,
        };
        await Console.Error.WriteLineAsync($"error: {message}");
        return ExitCodes.BadInput;
    }
}
