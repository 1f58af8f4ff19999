using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The causal trace cache over real HTTP: a repeated request is answered from the cache with the same bytes (only
/// <c>metadata.createdAt</c>, the time of the answer, differs), a write in between changes the answer, and an answer
/// computed for a <c>read:pii</c> caller never reaches a caller without it (nor the reverse).
/// </summary>
public sealed partial class TraceCacheTests : IAsyncLifetime
{
    private const string Email = "ada.lovelace@example.org";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-trace-cache-");
    private RunningHost _host = null!;
    private HttpClient _privileged = null!;
    private HttpClient _reader = null!;
    private string _a = null!;
    private string _b = null!;

    public async Task InitializeAsync()
    {
        (_host, _privileged, _reader) = await RedactingHost.StartAsync(_directory, """
            {"policy_version": "test-2026-11", "fields": [{"json_path": "$.customer.email", "category": "DIRECT_IDENTIFIER"}]}
            """);
        _a = Guid.NewGuid().ToString();
        _b = Guid.NewGuid().ToString();
        var nodes = new object[]
        {
            new { id = _a, type = "observation", author = "kernel", payload = new { customer = new { email = Email } } },
            new { id = _b, type = "decision", author = "kernel", payload = new { outcome = "approve" } },
        };
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/nodes", new { nodes })).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/edge", new { from = _a, to = _b, type = "causal" })).Status);
    }

    public async Task DisposeAsync()
    {
        _privileged.Dispose();
        _reader.Dispose();
        await _host.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task RepeatedTrace_IsAHit_WithTheSameBytesApartFromTheAnswerTime()
    {
        using var counters = new CacheCounters(_host.Services.GetRequiredService<IMeterFactory>());
        string first = await TraceAsync(_privileged);
        string second = await TraceAsync(_privileged);

        Assert.Equal((1, 1), (counters.Misses, counters.Hits));
        Assert.Equal(WithoutCreatedAt(first), WithoutCreatedAt(second));
        Assert.NotEqual(WithoutCreatedAt(first), first); // the pattern did find metadata.createdAt
        using var document = JsonDocument.Parse(second);
        Assert.True(document.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(3, document.RootElement.GetProperty("ordered_path").GetArrayLength());
        Assert.Equal(3, document.RootElement.GetProperty("metadata").GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task AWriteInBetween_ChangesTheAnswer()
    {
        string before = await TraceAsync(_privileged);
        string c = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/node", new { id = c, type = "score", author = "kernel", payload = new { s = 1 } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/edge", new { from = c, to = _b, type = "causal" })).Status);

        string after = await TraceAsync(_privileged);

        Assert.DoesNotContain(c, before, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(after);
        var ids = document.RootElement.GetProperty("ordered_path").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Contains(c, ids);
        Assert.Equal(5, ids.Count);
    }

    [Fact]
    public async Task APiiAnswer_NeverReachesACallerWithoutReadPii_InEitherOrder()
    {
        for (int round = 0; round < 2; round++)
        {
            // Round 0 computes and caches the privileged answer first; round 1 serves both from the cache.
            string privileged = await TraceAsync(_privileged);
            string redacted = await TraceAsync(_reader);
            string privilegedAgain = await TraceAsync(_privileged);

            Assert.Contains(Email, privileged, StringComparison.Ordinal);
            Assert.DoesNotContain(Email, redacted, StringComparison.Ordinal);
            Assert.Contains(Email, privilegedAgain, StringComparison.Ordinal);
        }

        // And with the reader first after a write (fresh entries computed in the other order).
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/node", HostApi.Node("observation"))).Status);
        Assert.DoesNotContain(Email, await TraceAsync(_reader), StringComparison.Ordinal);
        Assert.Contains(Email, await TraceAsync(_privileged), StringComparison.Ordinal);
        Assert.DoesNotContain(Email, await TraceAsync(_reader), StringComparison.Ordinal);
    }

    private async Task<string> TraceAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri($"/reason/traces/{_b}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private static string WithoutCreatedAt(string json) => CreatedAt().Replace(json, "$1…\"");

    [GeneratedRegex("(\"metadata\":\\{\"traceId\":\"[^\"]*\",\"createdAt\":\")[^\"]*\"")]
    private static partial Regex CreatedAt();

    /// <summary>The cache's hit and miss counters of one host (its meter factory), as measured.</summary>
    private sealed class CacheCounters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _hits;
        private long _misses;

        public CacheCounters(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name.StartsWith("reasoning_graph.host.trace_cache.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name.EndsWith(".hits", StringComparison.Ordinal))
                {
                    Interlocked.Add(ref _hits, value);
                }
                else if (instrument.Name.EndsWith(".misses", StringComparison.Ordinal))
                {
                    Interlocked.Add(ref _misses, value);
                }
            });
            _listener.Start();
        }

        public long Hits => Interlocked.Read(ref _hits);

        public long Misses => Interlocked.Read(ref _misses);

        public void Dispose() => _listener.Dispose();
    }
}
