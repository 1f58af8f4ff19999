using System.Threading.RateLimiting;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Token buckets on the <c>/reason</c> and <c>/admin</c> API, chained: one per principal (per remote address for
/// anonymous callers; RATE_LIMIT_PER_SECOND, bursts of RATE_LIMIT_BURST), and under it one per division of that
/// principal (<see cref="Divisions"/>; RATE_LIMIT_PER_DIVISION_PER_SECOND, default half the principal's), so a request
/// needs a token from both and one flooding division cannot starve the others. Health, readiness and metrics are not
/// limited. Refusals are <c>429 RATE_LIMITED</c> in the error envelope with Retry-After.
/// </summary>
internal static class RateLimiting
{
    public static void Add(IServiceCollection services, LimitsOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Limited(context) is { } principal
                    ? RateLimitPartition.GetTokenBucketLimiter(principal, _ => Bucket(limits.RatePerSecond, limits.RateBurst))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Limited(context) is { } principal && Division(context) is { } division
                    ? RateLimitPartition.GetTokenBucketLimiter(principal + "/" + division, _ => Bucket(limits.DivisionRatePerSecond, limits.DivisionBurst))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                rejected.HttpContext.RequestServices.GetRequiredService<HostMetrics>().RateLimited();
                string whose = Division(rejected.HttpContext) is { } division ? $"this principal or its division '{division}'" : "this principal";
                await new ErrorResult(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, $"Too many requests for {whose}; retry later.")
                    .WriteAsync(rejected.HttpContext.Response, cancellationToken);
            };
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The principal's bucket key for an API request; null for the unlimited endpoints.</summary>
    private static string? Limited(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/reason", StringComparison.Ordinal) && !path.StartsWithSegments("/admin", StringComparison.Ordinal))
        {
            return null;
        }

        return CallerFeature.Of(context) is { Via: not AnonymousReads.Via } caller
            ? caller.Via + ":" + caller.Name
            : "anonymous:" + (context.Connection.RemoteIpAddress?.ToString() ?? "?");
    }

    private static string? Division(HttpContext context) => CallerFeature.Of(context) is { Via: not AnonymousReads.Via } caller ? Divisions.Of(context, caller) : null;
}
