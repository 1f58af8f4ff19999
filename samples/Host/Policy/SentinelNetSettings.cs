using System.Globalization;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Policy;

/// <summary>
/// <c>SENTINELNET_URL</c> (the service's base URL; the client posts to <c>{url}/v1/evaluate</c>) and
/// <c>SENTINELNET_TIMEOUT</c> (seconds, default 2: the whole evaluation, retries included, after which the write is
/// refused). Bad values stop start-up.
/// </summary>
internal sealed record SentinelNetSettings(Uri Url, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The settings, or null when <c>SENTINELNET_URL</c> is not set (writes are then allowed by Core's default policy).</summary>
    public static SentinelNetSettings? Read(IConfiguration configuration)
    {
        string? url = ConfigurationFlags.Text(configuration, "SENTINELNET_URL");
        string? timeout = ConfigurationFlags.Text(configuration, "SENTINELNET_TIMEOUT");
        var problems = new List<string>();
        Uri? parsed = null;
        if (url is null)
        {
            if (timeout is not null)
            {
                problems.Add("SENTINELNET_TIMEOUT is set but SENTINELNET_URL is not.");
            }
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out parsed) || parsed.Scheme is not ("http" or "https"))
        {
            problems.Add($"SENTINELNET_URL must be an absolute http(s) URL, not '{url}'.");
        }

        var span = DefaultTimeout;
        if (timeout is not null)
        {
            if (double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds is > 0 and <= 300)
            {
                span = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                problems.Add($"SENTINELNET_TIMEOUT must be a number of seconds greater than 0 and at most 300, not '{timeout}'.");
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException("SENTINELNET", typeof(SentinelNetSettings), problems);
        }

        // A base URL with a path keeps it: v1/evaluate is resolved below it, not beside it.
        return parsed is null ? null : new SentinelNetSettings(parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/"), span);
    }
}
