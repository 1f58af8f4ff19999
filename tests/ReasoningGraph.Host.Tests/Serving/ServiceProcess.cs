using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReasoningGraph.Host.Tests.Cli;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>The service as users start it: the real executable on a free loopback port, its output drained while it runs.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public Uri Address { get; }

    /// <summary>Starts <c>reasoning-graph [command]</c> with <paramref name="environment"/> and a free <c>PORT</c>; does not wait for it.</summary>
    public static ServiceProcess Start(string? command, IReadOnlyDictionary<string, string> environment)
    {
        int port = FreePort();
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

        // As a user runs the executable outside Development: the embedded store chosen explicitly.
        start.Environment["STORE"] = "embedded";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ServiceProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Polls <c>/health</c> until the service answers (at most a minute).</summary>
    public async Task<HttpResponseMessage> WaitForHealthAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await client.GetAsync(new Uri("/health", UriKind.Relative));
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>What the service wrote to stdout and stderr, once it has exited.</summary>
    public async Task<(string Output, string Error)> OutputAsync() => (await _output, await _error);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
