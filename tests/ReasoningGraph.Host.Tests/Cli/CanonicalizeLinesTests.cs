using System.Text;
using ReasoningGraph.Tests.Support;
using Xunit.Abstractions;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// <c>reasoning-graph canonicalize --lines</c> reproduces the shared corpora. A case whose input holds a
/// newline byte cannot be one line, so it is left out and counted.
/// </summary>
public sealed class CanonicalizeLinesTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("kernel", "kernel-go-parity.jsonl")]
    [InlineData("rfc8785", "rfc8785-parity.jsonl")]
    public async Task CanonicalizeLines_ReproducesEverySharedCaseThatFitsOnOneLine(string profile, string file)
    {
        var all = SharedVector.Load(Path.Combine(RepositoryPaths.SharedVectors, file));
        var cases = all.Where(v => !v.Input.Contains((byte)'\n')).ToList();
        string input = Path.GetTempFileName();
        await File.WriteAllBytesAsync(input, cases.SelectMany(v => v.Input.Append((byte)'\n')).ToArray());

        var result = await CliProcess.RunAsync(["canonicalize", "--lines", "--profile", profile, input]);
        File.Delete(input);

        output.WriteLine($"{file}: {cases.Count} of {all.Count} cases checked; {all.Count - cases.Count} contain a newline byte");
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = Encoding.UTF8.GetString(result.StandardOutput).Split('\n');
        Assert.Equal(cases.Count + 1, lines.Length); // every line ends with '\n'
        Assert.Equal("", lines[^1]);
        var failures = cases.Select((v, i) => lines[i] == v.ExpectedLine ? null : $"{v.Name}: expected {v.ExpectedLine} but got {lines[i]}")
            .OfType<string>().ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} lines differ:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(cases.Count >= all.Count * 9 / 10, $"only {cases.Count} of {all.Count} cases fit on one line");
    }
}
