using System.Globalization;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ReasoningGraph.Signing.Diagnostics;

namespace ReasoningGraph.Signing.Proxy;

public sealed partial class SigningProxySigner
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private ResiliencePipeline<ProxyReply> BuildPipeline(SigningProxyOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<ProxyReply> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ProxyReply>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    Log.ProxyRetrying(_logger, Url, args.AttemptNumber + 1, Reason(args.Outcome), (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    private static bool IsTransient(Outcome<ProxyReply> outcome) => outcome.Exception switch
    {
        null => outcome.Result.IsTransient,
        HttpRequestException or TimeoutRejectedException => true,
        // HttpClient.Timeout of a caller-supplied client.
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private static string Reason(Outcome<ProxyReply> outcome) => outcome.Exception switch
    {
        null => Describe(outcome.Result.StatusCode),
        TimeoutRejectedException => "timed out",
        var e => e.GetType().Name + ": " + e.Message,
    };

    /// <summary>Posts <paramref name="body"/> through the pipeline; returns a 2xx answer or throws the matching failure.</summary>
    private async Task<ProxyReply> SendAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        ProxyReply reply;
        try
        {
            reply = await _pipeline.ExecuteAsync(
                static (state, token) => state.self.AttemptAsync(state.url, state.body, token),
                (self: this, url, body),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            throw Fail($"no answer within {_attemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s on any of {_attempts} attempts", transient: true, e);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            throw Fail($"not reachable after {_attempts} attempts ({e.Message})", transient: true, e);
        }

        if (reply.IsSuccess)
        {
            return reply;
        }

        throw reply switch
        {
            { TooLarge: true } => Fail($"the answer is larger than {MaxAnswerBytes} bytes", transient: false),
            { IsTransient: true } => Fail($"answered {Describe(reply.StatusCode)} on all {_attempts} attempts", transient: true),
            { StatusCode: 401 or 403 } => Fail($"refused the credentials ({Describe(reply.StatusCode)}); check SIGNING_PROXY_API_KEY and the client certificate", transient: false),
            _ => Fail($"answered {Describe(reply.StatusCode)}: {ProxyMessages.Excerpt(reply.Body)}", transient: false),
        };
    }

    private async ValueTask<ProxyReply> AttemptAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            return new ProxyReply(status, [], TooLarge: true);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var streamScope = stream.ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return new ProxyReply(status, [], TooLarge: true);
            }

            buffer.Write(chunk, 0, read);
        }

        return new ProxyReply(status, buffer.ToArray(), TooLarge: false);
    }
}
