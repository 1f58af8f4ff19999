namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// <c>SENTINELNET_URL</c> (the service's base URL; the client posts to <c>{url}/v1/evaluate</c>) and
/// <c>SENTINELNET_TIMEOUT</c> (seconds, default 2: the whole evaluation, retries included, after which the write is
/// refused). Without a URL writes are allowed by Core's default policy.
/// </summary>
internal sealed record SentinelNetOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The base URL, ending in '/'; null when SentinelNet is not used.</summary>
    public Uri? Url { get; init; }

    /// <summary>The time SentinelNet has to decide, retries included. Default: <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public static SentinelNetOptions Read(SettingsReader settings)
    {
        var url = settings.AbsoluteUrl("SENTINELNET_URL", "http", "https");
        var timeout = settings.Seconds("SENTINELNET_TIMEOUT", DefaultTimeout.TotalSeconds, 300, zeroAllowed: false);
        if (settings.Text("SENTINELNET_URL") is null && settings.Text("SENTINELNET_TIMEOUT") is not null)
        {
            settings.Refuse("SENTINELNET_TIMEOUT is set but SENTINELNET_URL is not.");
        }

        // A base URL with a path keeps it: v1/evaluate is resolved below it, not beside it.
        return new SentinelNetOptions
        {
            Url = url is null || url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/"),
            Timeout = timeout,
        };
    }
}
