using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Health;

/// <summary>
/// Whether the store serves reads: one cheap read (<see cref="IReasoningGraphStore.GetMaxSeqAsync"/>) that must answer
/// within <see cref="Timeout"/>. Its verdict stands for <see cref="MaxAge"/> and one read runs at a time (callers arriving
/// meanwhile share it), so however often a prober asks, the store sees at most one read per interval from here.
/// Healthy carries the graph's <c>maxSeq</c>; a failure is the registration's failure status with a description that
/// names no host, port or path (a readiness endpoint may show it to anyone) and the store's exception attached, for the
/// operator's log. A read that never answers, even one deaf to cancellation, costs a caller at most what is left of its
/// <see cref="Timeout"/>, and no second read starts beside it. Registered by <c>AddHealthChecks().AddReasoningGraph()</c>.
/// </summary>
public sealed class ReasoningGraphStoreHealthCheck : IHealthCheck
{
    private readonly IReasoningGraphStore _store;
    private readonly TimeProvider _time;
    private readonly SingleFlightProbe<Verdict> _reading;
    private Verdict? _last;

    /// <summary>Creates the check of <paramref name="store"/>.</summary>
    /// <param name="store">The store read.</param>
    /// <param name="timeout">How long the read may take; default 5 s.</param>
    /// <param name="maxAge">How long a verdict stands; default 1 s. <see cref="TimeSpan.Zero"/> reads on every check.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    public ReasoningGraphStoreHealthCheck(IReasoningGraphStore store, TimeSpan? timeout = null, TimeSpan? maxAge = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Timeout = timeout ?? TimeSpan.FromSeconds(5);
        MaxAge = maxAge ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAge, TimeSpan.Zero, nameof(maxAge));
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _reading = new SingleFlightProbe<Verdict>(Timeout, _time);
    }

    /// <summary>How long the read may take before the store is reported as failed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How long a verdict stands before the store is read again.</summary>
    public TimeSpan MaxAge { get; }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _last) is not { } verdict || _time.GetUtcNow() - verdict.At >= MaxAge)
        {
            // The read has its own timeout; the caller may stop waiting for it, never cancel it for the others. A store
            // that ignores the cancellation gets no longer than the read's deadline from any caller, and a read still
            // hanging past it is not joined by another.
            try
            {
                verdict = await _reading.RunAsync(ReadAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                verdict = new Verdict(_time.GetUtcNow(), 0, NoAnswer(), e);
                Volatile.Write(ref _last, verdict);
            }
        }

        return verdict.Failure is null
            ? HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["maxSeq"] = verdict.MaxSeq })
            : new HealthCheckResult(context.Registration.FailureStatus, verdict.Failure, verdict.Exception);
    }

    private async Task<Verdict> ReadAsync()
    {
        await Task.Yield(); // started under the gate: the read runs outside it
        using var timeout = new CancellationTokenSource(Timeout, _time);
        Verdict verdict;
        try
        {
            long maxSeq = await _store.GetMaxSeqAsync(timeout.Token).ConfigureAwait(false);
            verdict = new Verdict(_time.GetUtcNow(), maxSeq, null, null);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            verdict = new Verdict(_time.GetUtcNow(), 0, NoAnswer(), e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            verdict = new Verdict(_time.GetUtcNow(), 0, FailureDescription.Of("the store did not answer the read probe", e), e);
        }

        Volatile.Write(ref _last, verdict);
        return verdict;
    }

    private string NoAnswer() => string.Create(CultureInfo.InvariantCulture, $"the store did not answer within {Timeout.TotalSeconds:0.###} s");

    private sealed record Verdict(DateTimeOffset At, long MaxSeq, string? Failure, Exception? Exception);
}
