namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// When the service stores signed checkpoints of its audit log (docs/VERIFIABLE_LOG.md): once
/// <c>LOG_CHECKPOINT_INTERVAL_SECONDS</c> have passed since the latest stored one and the chain has grown, or as soon as
/// it has grown by <c>LOG_CHECKPOINT_EVERY_EVENTS</c> events. Both default to 0, off: each stored checkpoint appends an
/// audit event, so storing them is a choice; then <c>/reason/log/checkpoint</c> signs one of the whole chain on each request.
/// </summary>
internal sealed record CheckpointOptions(TimeSpan Interval, long EveryEvents)
{
    private const double MaxSeconds = 86_400;

    /// <summary>The longest wait between two looks at the chain's size.</summary>
    public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(5);

    /// <summary>The shortest: a tiny interval must not turn the producer into a loop of queries.</summary>
    public static readonly TimeSpan MinPoll = TimeSpan.FromSeconds(1);

    public bool Enabled => Interval > TimeSpan.Zero || EveryEvents > 0;

    /// <summary>
    /// How often the producer looks at the chain: the interval, within <see cref="MinPoll"/> and <see cref="MaxPoll"/>
    /// (two small queries; the producer decides whether one is due), so a long interval is kept to within 5 s
    /// of its end instead of waiting a second whole interval when the chain had not grown at the first look.
    /// </summary>
    public TimeSpan Poll => Interval == TimeSpan.Zero ? MaxPoll : TimeSpan.FromTicks(Math.Clamp(Interval.Ticks, MinPoll.Ticks, MaxPoll.Ticks));

    public static CheckpointOptions Read(SettingsReader settings) => new(
        settings.Seconds("LOG_CHECKPOINT_INTERVAL_SECONDS", 0, MaxSeconds, zeroAllowed: true),
        settings.Integer("LOG_CHECKPOINT_EVERY_EVENTS", 0, 0, 1_000_000_000));
}
