using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>
/// The embedded default as `dotnet run` starts it (Development, ALLOW_DEV_PRINCIPAL from the launch profile): the real
/// executable warns about its generated key, prints curl examples, and keeps what it was given in the journal under
/// DATA_DIR across a restart.
/// </summary>
public sealed class EmbeddedDefaultTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-embedded-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task DevelopmentDefault_WarnsPrintsCurlAndJournalsAcrossARestart()
    {
        string id = Guid.NewGuid().ToString();
        var first = await RunAsync(async client =>
            Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("observation", id))).Status));
        var second = await RunAsync(async client =>
            Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(client, $"/reason/node/{id}")).Status));

        Assert.Contains("WARNING: signing with a key generated at start-up", first, StringComparison.Ordinal);
        Assert.Contains("curl -s -X POST http://127.0.0.1:", first, StringComparison.Ordinal);
        Assert.Contains("X-Local-Dev-Principal", first, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_data.FullName, "graph.journal"), second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGeneratedKey_WritesItsSignersJson_WhichVerifiesWhatItSignedOffline()
    {
        string registry = Path.Combine(_data.FullName, "dev-signers.json");
        string snapshot = Path.Combine(_data.FullName, "snapshot.json");
        string output = await RunAsync(async client =>
        {
            string root = Guid.NewGuid().ToString();
            Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", root))).Status);
            var (status, created) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { root } });
            Assert.Equal(HttpStatusCode.Created, status);
            string path = $"/reason/snapshot/{created.GetProperty("snapshotId").GetString()}";
            var watch = Stopwatch.StartNew();
            var (got, stored) = await HostApi.GetAsync(client, path);
            while (got != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100); // signed by the snapshot worker
                (got, stored) = await HostApi.GetAsync(client, path);
            }

            Assert.Equal(HttpStatusCode.OK, got);
            await File.WriteAllTextAsync(snapshot, stored.GetRawText()); // the service's whole answer: verify-snapshot unwraps it
        });

        Assert.Contains(registry, output, StringComparison.Ordinal); // the banner names it
        var verified = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", snapshot, "--signers", registry]);
        Assert.True(verified.ExitCode == 0, verified.StandardError);
    }

    [Fact]
    public async Task TheReadmeCurlExamples_WriteANodeAndReadItsOrderedTrace()
    {
        // The README's two examples exactly as a newcomer pastes them, run by the real curl against the real service
        // on a free port instead of 8047. A missing header in the README (once, Content-Type) fails here.
        string readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"));
        var examples = System.Text.RegularExpressions.Regex.Matches(readme, "`(curl -s [^`]+)`")
            .Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(2, examples.Count);
        await RunAsync(async client =>
        {
            string origin = "http://127.0.0.1:8047";
            string port = client.BaseAddress!.Port.ToString(CultureInfo.InvariantCulture);
            string written = await ShellAsync(examples[0].Replace(origin, $"http://127.0.0.1:{port}", StringComparison.Ordinal));
            string id = System.Text.Json.JsonDocument.Parse(written).RootElement.GetProperty("nodeId").GetString()!;
            string trace = await ShellAsync(examples[1]
                .Replace(origin, $"http://127.0.0.1:{port}", StringComparison.Ordinal)
                .Replace("<nodeId>", id, StringComparison.Ordinal));
            Assert.Contains(id, trace, StringComparison.Ordinal);
            Assert.StartsWith("{\"ok\":true", trace, StringComparison.Ordinal);
        });
    }

    private static async Task<string> ShellAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} exited {process.ExitCode}");
        return output;
    }

    private async Task<string> RunAsync(Func<HttpClient, Task> use)
    {
        int port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliProcess.Dll);
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ALLOW_DEV_PRINCIPAL"] = "true";
        start.Environment["DATA_DIR"] = _data.FullName;
        using var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Add("X-Local-Dev-Principal", "tester");
            await WaitForHealthAsync(client);
            await use(client);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (stderr)
        {
            return stderr.ToString();
        }
    }

    private static async Task WaitForHealthAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
