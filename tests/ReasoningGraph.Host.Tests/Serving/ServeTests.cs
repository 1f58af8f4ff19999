using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ReasoningGraph.Host.Tests.Cli;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>The service as users start it: the real executable, real HTTP over loopback.</summary>
public sealed class ServeTests
{
    [Theory]
    [InlineData("serve")]
    [InlineData(null)]
    public async Task Serve_AnswersHealthOnTheConfiguredPort(string? command)
    {
        int port = FreePort();
        using var process = Start(command, port, []);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await WaitForHealthAsync(client);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("ok").GetBoolean());
            Assert.True(body.RootElement.GetProperty("uptime").GetInt64() >= 0);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task AnonymousReads_WithoutACatalog_AreAnnouncedOnceAndLoudly()
    {
        int port = FreePort();
        using var process = Start("serve", port, new Dictionary<string, string> { ["ALLOW_ANONYMOUS_READS"] = "true" });
        var output = process.StandardOutput.ReadToEndAsync();
        HttpStatusCode read, write;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            (await WaitForHealthAsync(client)).Dispose();
            using var readResponse = await client.GetAsync(new Uri($"/reason/traces/{Guid.NewGuid()}", UriKind.Relative));
            using var writeResponse = await client.PostAsync(new Uri("/reason/node", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            (read, write) = (readResponse.StatusCode, writeResponse.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        string log = await output;
        Assert.Equal(HttpStatusCode.NotFound, read); // served (no such node), not refused
        Assert.Equal(HttpStatusCode.Unauthorized, write);
        Assert.Single(log.Split('\n'), line => line.Contains("ALLOW_ANONYMOUS_READS=true and the PII catalog is empty or not configured", StringComparison.Ordinal));
    }

    private static Process Start(string? command, int port, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliProcess.Dll);
        if (command is not null)
        {
            start.ArgumentList.Add(command);
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<HttpResponseMessage> WaitForHealthAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await client.GetAsync(new Uri("/health", UriKind.Relative));
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
