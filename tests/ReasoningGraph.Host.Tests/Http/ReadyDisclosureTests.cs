using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReasoningGraph.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// <c>/ready</c> answers unauthenticated callers: a failing dependency is named with its status, never with what only
/// the operator should see (the database's host and port, the signing proxy's or the Kernel's URL, the archive's path).
/// </summary>
public sealed class ReadyDisclosureTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-ready-disclosure-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Ready_FailingStoreWritesSignerKernelAndArchives_NameEachComponentAndStatus_WithoutAddressesOrPaths()
    {
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        // A regular file where the archives' directories should be: no directory can be made below it.
        string blocker = Path.Combine(_directory.FullName, "blocker-file");
        await File.WriteAllTextAsync(blocker, "");
        var settings = SnapshotHostSettings.For(_directory, proxy, registry);
        settings["DATABASE_URL"] = "postgres://rg:rg@127.0.0.1:1/rg"; // nothing listens on port 1: refused at once
        settings["KERNEL_API_URL"] = "http://127.0.0.1:1";
        settings["ARCHIVE_DIR"] = Path.Combine(blocker, "archive");
        settings["AUDITOR_ARCHIVE_DIR"] = Path.Combine(blocker, "archive-auditor");
        await using var host = await RunningHost.StartAsync(settings);
        using var client = host.Client();
        proxy.Up = false; // every signature answered 503: the signer check's probe fails with the proxy's error

        string body = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            body = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(body);
            return new[] { "store", "writes", "signer", "kernel", "archive", "auditorArchive" }.All(component =>
                document.RootElement.GetProperty(component).GetString()!.StartsWith("failed: ", StringComparison.Ordinal));
        });

        output.WriteLine(body);
        using var ready = JsonDocument.Parse(body);
        Assert.False(ready.RootElement.GetProperty("ready").GetBoolean());
        foreach (string secret in (string[])["127.0.0.1", ":1/", "localhost", proxy.Url.Authority, $":{proxy.Url.Port}", _directory.FullName, "blocker-file", "Npgsql"])
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Ready_AFailingArchive_IsLoggedOnceWithItsCauseAndWhatToDo_NotOncePerProbe()
    {
        string blocker = Path.Combine(_directory.FullName, "blocker-file");
        await File.WriteAllTextAsync(blocker, "");
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            ["ARCHIVE_DIR"] = Path.Combine(blocker, "archive"),
        };
        await using var host = await RunningHost.StartAsync(settings);
        var lines = new ConcurrentQueue<(string Category, int EventId, string Message, Exception? Exception)>();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(new RecordingProvider(lines));
        using var client = host.Client();

        for (int i = 0; i < 3; i++)
        {
            var (status, ready) = await HostApi.GetAsync(client, "/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("failed: the archive cannot take snapshots (see the service log)", ready.GetProperty("archive").GetString());
        }

        var failing = Assert.Single(lines, l => l.EventId == 230);
        Assert.Contains("archive is Unhealthy", failing.Message, StringComparison.Ordinal);
        Assert.Contains("docs/runbooks/snapshot-creation-failure.md", failing.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(blocker, "archive"), failing.Exception!.Message, StringComparison.Ordinal); // the operator sees the path
        Assert.DoesNotContain(lines, l => l.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_ACheckThatThrew_ShowsNeitherItsMessageNorItsException()
    {
        var thrown = new InvalidOperationException("Failed to connect to 10.1.2.3:5432");
        var report = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport(
            new Dictionary<string, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReportEntry>
            {
                // What ASP.NET Core reports for a check that threw: the exception's message as the description.
                ["store"] = new(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, thrown.Message, TimeSpan.Zero, thrown, null),
                ["archive"] = new(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, null, TimeSpan.Zero, null, null),
            },
            TimeSpan.Zero);

        Assert.Equal("failed: the check failed (see the service log)", ReasoningGraph.Host.Serving.HealthRegistration.Describe(report, "store"));
        Assert.Equal("failed: the check failed (see the service log)", ReasoningGraph.Host.Serving.HealthRegistration.Describe(report, "archive"));
        Assert.Equal("not configured", ReasoningGraph.Host.Serving.HealthRegistration.Describe(report, "signer"));
    }

    /// <summary>Records what the host logs from the moment it is added.</summary>
    private sealed class RecordingProvider(ConcurrentQueue<(string Category, int EventId, string Message, Exception? Exception)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<(string Category, int EventId, string Message, Exception? Exception)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue((category, eventId.Id, formatter(state, exception), exception));
                }
            }
        }
    }
}
