using System.Diagnostics;
using System.Text;

namespace ReasoningGraph.Tests.Parity;

/// <summary>Runs a reference tool with text on stdin and collects its output.</summary>
internal static class ProcessRunner
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Go needs a build cache; a CI runner without HOME has none by default.
        if (Environment.GetEnvironmentVariable("HOME") is null && Environment.GetEnvironmentVariable("GOCACHE") is null)
        {
            start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "rg-gocache");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(standardInput ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    /// <summary>The base64 line protocol of both reference tools: one document per line in, one result per line out.</summary>
    public static async Task<IReadOnlyList<string>> RunLinesAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyList<byte[]> documents)
    {
        var input = new StringBuilder();
        foreach (var document in documents)
        {
            input.Append(Convert.ToBase64String(document)).Append('\n');
        }

        string output = await RunAsync(fileName, arguments, workingDirectory, input.ToString());
        var lines = output.TrimEnd('\n').Split('\n');
        return lines.Length == documents.Count
            ? lines
            : throw new InvalidOperationException($"{fileName} returned {lines.Length} lines for {documents.Count} documents");
    }
}
