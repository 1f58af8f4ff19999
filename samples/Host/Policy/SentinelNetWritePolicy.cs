using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;
using ReasoningGraph.Policy;

namespace ReasoningGraph.Host.Policy;

/// <summary>
/// The pre-write policy of the service: asks SentinelNet (<c>POST {SENTINELNET_URL}/v1/evaluate</c>, docs/SERVICE.md,
/// "Write policy") about every write. Fail closed: when SentinelNet does not give a well-formed answer within
/// <c>SENTINELNET_TIMEOUT</c> (timeout, transport error, non-2xx, unreadable body) the write is denied under the
/// policy id <see cref="UnavailablePolicyId"/>, so Core refuses it with <c>FORBIDDEN</c> and records the refusal as
/// a <c>policyCheck</c> node like any denial: an outage of the policy service is visible in the graph it protects.
/// </summary>
internal sealed partial class SentinelNetWritePolicy : IWritePolicy
{
    /// <summary>The policy id of a denial because SentinelNet could not decide.</summary>
    public const string UnavailablePolicyId = "sentinelnet-unavailable";

    /// <summary>The policy id of a denial whose answer names none.</summary>
    public const string DefaultPolicyId = "sentinelnet";

    private const int MaxRetryAttempts = 2;

    private readonly IHttpClientFactory _clients;
    private readonly IHttpContextAccessor _requests;
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(30);
    private readonly ILogger<SentinelNetWritePolicy> _logger;
    private readonly TimeProvider _time;
    private readonly Counter<long> _errors;
    private readonly Lock _reportGate = new();
    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;
    private long _unreported;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeSpan _timeout;

    public SentinelNetWritePolicy(
        SentinelNetOptions options, IHttpClientFactory clients, IHttpContextAccessor requests, ILogger<SentinelNetWritePolicy> logger, TimeProvider timeProvider,
        IMeterFactory meters)
    {
        _time = timeProvider;
        _errors = meters.Create("ReasoningGraph.Host").CreateCounter<long>(
            "reasoning_graph.host.sentinelnet_errors", description: "Writes SentinelNet could not evaluate (unreachable, timed out, a bad answer): refused, fail closed.");
        _errors.Add(0);
        _clients = clients;
        _requests = requests;
        _logger = logger;
        _timeout = options.Timeout;

        // The timeout is outermost: it bounds the whole evaluation, retries included, so a write never waits longer
        // than SENTINELNET_TIMEOUT for its verdict. Retries cover a blip (transport error, 5xx, 408, 429) only.
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.Timeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || args.Outcome.Result is { } r && IsTransient(r.StatusCode)),
                OnRetry = static args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async ValueTask<WritePolicyDecision> EvaluateAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        byte[] request = SentinelNetMessages.Request(batch, _requests.HttpContext is { } context ? CallerFeature.Of(context) : null);
        string failure;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                static (state, token) => state.self.PostAsync(state.request, token), (self: this, request), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (SentinelNetMessages.TryParseDecision(body, out var decision, out failure))
                {
                    return decision;
                }
            }
            else
            {
                failure = $"answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException)
        {
            failure = $"no answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            failure = "not reachable (" + e.Message + ")";
        }

        _errors.Add(1);
        ReportOncePerInterval(failure);
        return WritePolicyDecision.Deny(UnavailablePolicyId, "SentinelNet could not evaluate the write, so it is refused (fail closed): " + failure + ".");
    }

    /// <summary>
    /// Logs a failure at most once per <see cref="ReportInterval"/>, with how many writes it refused meanwhile: an
    /// outage refuses every write, and a log line per write would bury the one that says what to do.
    /// </summary>
    private void ReportOncePerInterval(string failure)
    {
        long refused = Interlocked.Increment(ref _unreported);
        var now = _time.GetUtcNow();
        lock (_reportGate)
        {
            if (now - _lastReport < ReportInterval)
            {
                return;
            }

            _lastReport = now;
            Interlocked.Add(ref _unreported, -refused);
        }

        Log.Unavailable(_logger, failure, refused, (int)ReportInterval.TotalSeconds);
    }

    private async ValueTask<HttpResponseMessage> PostAsync(byte[] request, CancellationToken cancellationToken)
    {
        var client = _clients.CreateClient(SentinelNetConfiguration.HttpClientName);
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await client.PostAsync(new Uri("v1/evaluate", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Warning,
            Message = "SentinelNet could not evaluate writes, so they are refused (fail closed): {Failure} ({Refused} writes refused since the last report; reported at most every {Seconds} s). Check SENTINELNET_URL and SentinelNet's health; metric reasoning_graph_host_sentinelnet_errors_total.")]
        public static partial void Unavailable(ILogger logger, string failure, long refused, int seconds);
    }
}
