namespace ReasoningGraph.Host.Configuration;

/// <summary>What one caller may ask of the service, and the memory the trace cache may hold.</summary>
internal sealed record LimitsOptions
{
    public const int DefaultRatePerSecond = 2000;

    public const int DefaultRequestTimeoutSeconds = 30;

    /// <summary>The <c>TRACE_CACHE_MAX_BYTES</c> default: 64 MiB, about a hundred 1,000-node traces.</summary>
    public const long DefaultTraceCacheMaxBytes = 64L << 20;

    /// <summary><c>RATE_LIMIT_PER_SECOND</c>: tokens a second per principal on <c>/reason</c>, at least 1. Default: <see cref="DefaultRatePerSecond"/>.</summary>
    public int RatePerSecond { get; init; } = DefaultRatePerSecond;

    /// <summary><c>RATE_LIMIT_BURST</c>: the bucket's size, at least 1. Default: twice <see cref="RatePerSecond"/>.</summary>
    public int RateBurst { get; init; } = 2 * DefaultRatePerSecond;

    /// <summary><c>REQUEST_TIMEOUT_SECONDS</c>: whole seconds, 1 to 86400. Default: <see cref="DefaultRequestTimeoutSeconds"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(DefaultRequestTimeoutSeconds);

    /// <summary>
    /// <c>RATE_LIMIT_PER_DIVISION_PER_SECOND</c>: tokens a second per division of a principal (the Kernel sends all
    /// divisions' traffic as one principal), so one flooding division cannot take the whole principal's budget.
    /// Default: half of <see cref="RatePerSecond"/>.
    /// </summary>
    public int DivisionRatePerSecond { get; init; } = DefaultRatePerSecond / 2;

    /// <summary><c>RATE_LIMIT_PER_DIVISION_BURST</c>: a division's bucket size. Default: twice <see cref="DivisionRatePerSecond"/>.</summary>
    public int DivisionBurst { get; init; } = DefaultRatePerSecond;

    /// <summary><c>TRACE_CACHE_MAX_BYTES</c>: 0 turns the cache off. Default: <see cref="DefaultTraceCacheMaxBytes"/>.</summary>
    public long TraceCacheMaxBytes { get; init; } = DefaultTraceCacheMaxBytes;

    public static LimitsOptions Read(SettingsReader settings)
    {
        int perSecond = (int)settings.Integer("RATE_LIMIT_PER_SECOND", DefaultRatePerSecond, 1, int.MaxValue);
        int perDivision = (int)settings.Integer("RATE_LIMIT_PER_DIVISION_PER_SECOND", Math.Max(1, perSecond / 2), 1, int.MaxValue);
        return new LimitsOptions
        {
            DivisionRatePerSecond = perDivision,
            DivisionBurst = (int)settings.Integer("RATE_LIMIT_PER_DIVISION_BURST", Math.Min(2L * perDivision, int.MaxValue), 1, int.MaxValue),
            RatePerSecond = perSecond,
            RateBurst = (int)settings.Integer("RATE_LIMIT_BURST", Math.Min(2L * perSecond, int.MaxValue), 1, int.MaxValue),
            RequestTimeout = TimeSpan.FromSeconds(settings.Integer("REQUEST_TIMEOUT_SECONDS", DefaultRequestTimeoutSeconds, 1, 86_400)),
            TraceCacheMaxBytes = settings.Integer("TRACE_CACHE_MAX_BYTES", DefaultTraceCacheMaxBytes, 0),
        };
    }
}
