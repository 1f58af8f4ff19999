using System.Threading.RateLimiting;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// A token bucket per principal (per remote address for anonymous callers) on the <c>/reason</c> API:
/// RATE_LIMIT_PER_SECOND tokens a second (default 2000), bursts of RATE_LIMIT_BURST (default twice that).
/// Refusals are <c>429 RATE_LIMITED</c> in the error envelope with Retry-After.
/// </summary>
internal static class RateLimiting
{
    public const string PerPrincipal = "per-principal";

    public static void Add(IServiceCollection services, LimitsOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PerPrincipal, context => RateLimitPartition.GetTokenBucketLimiter(
                PartitionKey(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.RateBurst,
                    TokensPerPeriod = limits.RatePerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                rejected.HttpContext.RequestServices.GetRequiredService<HostMetrics>().RateLimited();
                await new ErrorResult(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests for this principal; retry later.")
                    .WriteAsync(rejected.HttpContext.Response, cancellationToken);
            };
        });
    }

    private static string PartitionKey(HttpContext context) => CallerFeature.Of(context) is { Via: not AnonymousReads.Via } caller
        ? caller.Via + ":" + caller.Name
        : "anonymous:" + (context.Connection.RemoteIpAddress?.ToString() ?? "?");
}
