using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ReasoningGraph.Host.Tests.Cli;

namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>
/// The built <c>reasoning-graph serve</c> in its own process on HTTPS on a free loopback port, so its <c>/metrics</c>
/// holds only its own work (in-process hosts share the library's static meter with every test running beside them).
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly X509Certificate2 _serverCertificate;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri address, X509Certificate2 serverCertificate)
    {
        _process = process;
        Address = address;
        _serverCertificate = serverCertificate;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>Starts it with <paramref name="environment"/> and waits until <c>/health</c> answers (at most a minute).</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, X509Certificate2 serverCertificate)
    {
        int port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliProcess.Dll);
        start.ArgumentList.Add("serve");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = "https://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        var host = new HostProcess(Process.Start(start)!, new Uri($"https://127.0.0.1:{port}"), serverCertificate);
        try
        {
            await host.WaitForHealthAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client that trusts exactly the server certificate and presents <paramref name="clientCertificate"/>, if any.</summary>
    public HttpClient Client(X509Certificate2? clientCertificate = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _serverCertificate.Thumbprint,
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(clientCertificate);
        }

        return new HttpClient(handler) { BaseAddress = Address };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitForHealthAsync()
    {
        using var client = Client();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60) || _process.HasExited)
            {
                Assert.Fail("the service did not start:\n" + Output());
            }

            await Task.Delay(200);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
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
