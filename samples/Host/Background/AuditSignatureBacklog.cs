using ReasoningGraph.Audit;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// The backlog of pending audit signatures as the <see cref="AuditSignatureWorker"/> last read it (at most a second
/// old while it runs): for <c>/health</c> and the gauges, so neither queries the database.
/// </summary>
internal sealed class AuditSignatureBacklog
{
    private long _pending;
    private long _oldestTicks;
    private long _signed;

    /// <summary>Events awaiting a signature.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>The oldest pending event's time; null when none is pending.</summary>
    public DateTimeOffset? Oldest => Interlocked.Read(ref _oldestTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Pending signatures this host filled in since it started.</summary>
    public long SignedCount => Interlocked.Read(ref _signed);

    public void Set(PendingAuditSignatures pending)
    {
        Interlocked.Exchange(ref _pending, pending.Count);
        Interlocked.Exchange(ref _oldestTicks, pending.Oldest?.UtcTicks ?? 0);
    }

    public void Signed(int count) => Interlocked.Add(ref _signed, count);
}
