using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using ReasoningGraph.Health;

namespace ReasoningGraph.Signing.Health;

/// <summary>
/// Whether the signer signs, read from the signatures the application makes anyway: a remote signer's last real
/// signature (<see cref="ISigningOutcomeSource"/>) when it is younger than <see cref="MaxAge"/>, else one probe
/// signature of 32 zero bytes, shared by every caller and kept for <see cref="MaxAge"/> (at most one probe signature per
/// interval, however often the check runs). A failure is the registration's failure status, by default
/// <see cref="HealthStatus.Degraded"/> (<c>AddReasoningGraphSigner()</c>): a signer's outage stops only what must stop
/// (snapshots and audit signatures wait), while reads and writes go on, so it should not take the application out of
/// service. Its description names no URL (a readiness endpoint may show it to anyone); a failed probe's exception is
/// attached to the result, for the operator's log. A probe that never answers, even one deaf to cancellation, costs a
/// caller at most what is left of <see cref="ProbeTimeout"/>, and no second probe starts beside it.
/// <see cref="LastOutcome"/> is the newest of the signer's last signature and this check's last probe, for a gauge.
/// </summary>
public sealed class SignerHealthCheck : IHealthCheck, ISigningOutcomeSource
{
    private readonly IDigestSigner _signer;
    private readonly TimeProvider _time;
    private readonly SingleFlightProbe<Probe> _probing;
    private Probe? _probe;

    /// <summary>Creates the check of <paramref name="signer"/>.</summary>
    /// <param name="signer">The signer checked.</param>
    /// <param name="maxAge">How long an outcome stands before a probe signs again; default 30 s.</param>
    /// <param name="probeTimeout">How long a probe signature may take; default 5 s.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="maxAge"/> is zero or negative (every check would sign), or <paramref name="probeTimeout"/> is.
    /// </exception>
    public SignerHealthCheck(IDigestSigner signer, TimeSpan? maxAge = null, TimeSpan? probeTimeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        MaxAge = maxAge ?? TimeSpan.FromSeconds(30);
        ProbeTimeout = probeTimeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxAge, TimeSpan.Zero, nameof(maxAge));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ProbeTimeout, TimeSpan.Zero, nameof(probeTimeout));
        _signer = signer;
        _time = timeProvider ?? TimeProvider.System;
        _probing = new SingleFlightProbe<Probe>(ProbeTimeout, _time);
    }

    /// <summary>How long an outcome stands before a probe signs again.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>How long a probe signature may take before it counts as failed.</summary>
    public TimeSpan ProbeTimeout { get; }

    /// <summary>The newest of the signer's last real signature and this check's last probe; null before either.</summary>
    public SigningOutcome? LastOutcome => Newest()?.Outcome;

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Newest() is not { } newest || _time.GetUtcNow() - newest.Outcome.At >= MaxAge)
        {
            newest = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        }

        var outcome = newest.Outcome;

        var data = new Dictionary<string, object> { ["signerId"] = _signer.SignerId, ["at"] = outcome.At };
        return outcome.Succeeded
            ? HealthCheckResult.Healthy(data: data)
            : new HealthCheckResult(context.Registration.FailureStatus, newest.Description ?? "the signer's last signature failed (see the service log)", newest.Exception, data);
    }

    /// <summary>The newest outcome, with this check's description and exception when it is this check's probe; null before either.</summary>
    private Probe? Newest()
    {
        var real = (_signer as ISigningOutcomeSource)?.LastOutcome;
        var probe = Volatile.Read(ref _probe);
        return real is not null && (probe is null || real.At >= probe.Outcome.At) ? new Probe(real, null, null) : probe;
    }

    /// <summary>
    /// Joins the probe in flight or starts one. The probe has its own timeout; the caller may stop waiting for it, never
    /// cancel it for the others, and never waits past its deadline.
    /// </summary>
    private async Task<Probe> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _probing.RunAsync(SignProbeAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            // The signer ignored the probe's cancellation: the verdict stands for MaxAge like any other.
            var timedOut = new Probe(new SigningOutcome(_time.GetUtcNow(), NoAnswer()), NoAnswer(), e);
            Volatile.Write(ref _probe, timedOut);
            return timedOut;
        }
    }

    private async Task<Probe> SignProbeAsync()
    {
        await Task.Yield(); // started under the gate: the probe runs outside it
        using var timeout = new CancellationTokenSource(ProbeTimeout, _time);
        Probe probe;
        try
        {
            await _signer.SignAsync(new byte[32], timeout.Token).ConfigureAwait(false);
            probe = new Probe(new SigningOutcome(_time.GetUtcNow(), null), null, null);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            probe = new Probe(new SigningOutcome(_time.GetUtcNow(), NoAnswer()), NoAnswer(), e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string description = e is ReasoningGraph.Errors.ReasoningGraphException { ErrorCode: { Length: > 0 } code }
                ? $"the signer did not sign the probe digest ({code}; see the service log)"
                : "the signer did not sign the probe digest (see the service log)";
            probe = new Probe(new SigningOutcome(_time.GetUtcNow(), e.Message), description, e);
        }

        Volatile.Write(ref _probe, probe);
        return probe;
    }

    private string NoAnswer() => string.Create(CultureInfo.InvariantCulture, $"the signer did not answer within {ProbeTimeout.TotalSeconds:0.###} s");

    /// <summary>An outcome; for this check's probe, what a readiness endpoint may show and the exception for the log.</summary>
    private sealed record Probe(SigningOutcome Outcome, string? Description, Exception? Exception);
}
