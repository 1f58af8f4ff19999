using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace ReasoningGraph.Host.Tests.Ha;

/// <summary>
/// The drills' writers and what they saw: nodes written over HTTP with client-supplied UUIDv7 ids, each refusal
/// retried with the same id and body until acknowledged, and the time of every acknowledgement.
/// </summary>
internal sealed class DrillLog
{
    private readonly ConcurrentQueue<TimeSpan> _acknowledgedAt = new();
    private int _unavailable, _retriedAcknowledged, _retriedReplays, _withRetryAfter, _timedOut;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public ConcurrentBag<Guid> Acknowledged { get; } = [];

    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>Writes refused with 503 <c>STORE_UNAVAILABLE</c>.</summary>
    public int Unavailable => _unavailable;

    /// <summary>Writes the service gave up on with 504 <c>STORE_UNAVAILABLE</c> (its request timeout), when the drill expects them.</summary>
    public int TimedOut => _timedOut;

    public int RetriedAcknowledged => _retriedAcknowledged;

    /// <summary>Retries answered 200: the first attempt's commit had landed, and the replay was recognized.</summary>
    public int RetriedReplays => _retriedReplays;

    public int WithRetryAfter => _withRetryAfter;

    /// <summary>Writes nodes until stopped; a 503 (and a 504 when <paramref name="timeoutsExpected"/>) is retried with the same id until acknowledged (at most a minute).</summary>
    public async Task WriteNodesAsync(Uri address, CancellationToken stop, bool timeoutsExpected = false)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Local-Dev-Principal", "kernel");
        while (!stop.IsCancellationRequested)
        {
            var id = Guid.CreateVersion7();
            var retryUntil = Stopwatch.StartNew();
            for (int attempt = 0; retryUntil.Elapsed < TimeSpan.FromSeconds(60); attempt++)
            {
                HttpResponseMessage response;
                try
                {
                    // Not cancelled by stop: a request in flight must end on its own, acknowledged or not. The same body on
                    // every attempt: a retry of a write that did commit must be an idempotent replay, not a conflict.
                    response = await client.PostAsJsonAsync(new Uri("/reason/node", UriKind.Relative), new { id, type = "observation", author = "kernel", payload = new { n = 1 } }, CancellationToken.None);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Unexpected.Enqueue($"{id}: {e.GetType().Name} {e.Message}");
                    return; // the service is gone or hung: the drill fails
                }

                using (response)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        Acknowledge(id, attempt > 0, response.StatusCode == HttpStatusCode.OK);
                        break;
                    }

                    string body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    bool storeUnavailable = body.Contains("\"STORE_UNAVAILABLE\"", StringComparison.Ordinal);
                    if (storeUnavailable && response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Refused(response.Headers.RetryAfter is not null);
                    }
                    else if (storeUnavailable && timeoutsExpected && response.StatusCode == HttpStatusCode.GatewayTimeout)
                    {
                        Interlocked.Increment(ref _timedOut);
                    }
                    else
                    {
                        Unexpected.Enqueue($"{id}: {(int)response.StatusCode} {body}");
                        return;
                    }
                }

                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    /// <summary>The ids of the nodes stored in a database.</summary>
    public static async Task<HashSet<Guid>> StoredNodesAsync(string connectionString)
    {
        var stored = new HashSet<Guid>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM nodes", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetGuid(0));
        }

        return stored;
    }

    public void Acknowledge(Guid id, bool retried, bool replay)
    {
        Acknowledged.Add(id);
        _acknowledgedAt.Enqueue(Clock.Elapsed);
        if (retried)
        {
            Interlocked.Increment(ref _retriedAcknowledged);
            if (replay)
            {
                Interlocked.Increment(ref _retriedReplays);
            }
        }
    }

    public void Refused(bool retryAfter)
    {
        Interlocked.Increment(ref _unavailable);
        if (retryAfter)
        {
            Interlocked.Increment(ref _withRetryAfter);
        }
    }

    /// <summary>How many writes were acknowledged in [<paramref name="from"/>, <paramref name="to"/>) of <see cref="Clock"/>.</summary>
    public int AcknowledgedBetween(TimeSpan from, TimeSpan to) => _acknowledgedAt.Count(t => t >= from && t < to);

    public async Task WaitForAcknowledgedAsync(int count)
    {
        var deadline = Clock.Elapsed + TimeSpan.FromSeconds(60);
        while (Acknowledged.Count < count)
        {
            Assert.True(Clock.Elapsed < deadline && Unexpected.IsEmpty, $"{Acknowledged.Count} writes acknowledged before the drill; {string.Join("; ", Unexpected.Take(3))}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for a write acknowledged more than 2 s after <paramref name="since"/>: the service writes again.</summary>
    public async Task WaitForAcknowledgedAfterAsync(TimeSpan since, TimeSpan patience)
    {
        while (!_acknowledgedAt.Any(t => t > since + TimeSpan.FromSeconds(2)))
        {
            Assert.True(Clock.Elapsed < since + patience && Unexpected.IsEmpty, $"no write acknowledged within {patience} of the disruption; {string.Join("; ", Unexpected.Take(3))}");
            await Task.Delay(50);
        }
    }

    public TimeSpan LongestGap()
    {
        var times = _acknowledgedAt.Order().ToList();
        return times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty().Max();
    }
}
