using Microsoft.AspNetCore.Http.Timeouts;
using ReasoningGraph.Errors;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Serving;

/// <summary>Every request gets REQUEST_TIMEOUT_SECONDS (default 30); past it the handler is cancelled and the caller gets 504 in the envelope.</summary>
internal static class RequestTimeouts
{
    public static void Add(IServiceCollection services, LimitsOptions limits)
    {
        services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = limits.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            WriteTimeoutResponse = context => new ErrorResult(
                StatusCodes.Status504GatewayTimeout, ErrorCodes.StoreUnavailable, $"The request did not complete within {(long)limits.RequestTimeout.TotalSeconds} s.")
                .WriteAsync(context.Response, CancellationToken.None),
        });
    }
}
