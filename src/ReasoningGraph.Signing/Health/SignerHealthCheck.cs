using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReasoningGraph.Signing.Health;

/// <summary>
/// Whether the signer signs, read from the signatures the application makes anyway: a remote signer's last real
/// signature (<see cref="ISigningOutcomeSource"/>) when it is younger than <see cref="MaxAge"/>, else one probe
/// signature of 32 zero bytes, shared by every caller and kept for <see cref="MaxAge"/> (at most one probe signature per
/// interval, however often the check runs). A failure is the registration's failure status, by default
/// <see cref="HealthStatus.Degraded"/> (<c>AddReasoningGraphSigner()</c>): a signer's outage stops only what must stop
/// (snapshots and audit signatures wait), while reads and writes go on, so it should not take the application out of
/// service. <see cref="LastOutcome"/> is the newest of the signer's last signature and this check's last probe, for a
/// gauge.
/// </summary>
public sealed class SignerHealthCheck : IHealthCheck, ISigningOutcomeSource, IDisposable
{
    private readonly IDigestSigner _signer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _probing = new(1, 1);
    private SigningOutcome? _probe;

    /// <summary>Creates the check of <paramref name="signer"/>.</summary>
    /// <param name="signer">The signer checked.</param>
    /// <param name="maxAge">How long an outcome stands before a probe signs again; default 30 s.</param>
    /// <param name="probeTimeout">How long a probe signature may take; default 5 s.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    public SignerHealthCheck(IDigestSigner signer, TimeSpan? maxAge = null, TimeSpan? probeTimeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        MaxAge = maxAge ?? TimeSpan.FromSeconds(30);
        ProbeTimeout = probeTimeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAge, TimeSpan.Zero, nameof(maxAge));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ProbeTimeout, TimeSpan.Zero, nameof(probeTimeout));
        _signer = signer;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long an outcome stands before a probe signs again.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>How long a probe signature may take before it counts as failed.</summary>
    public TimeSpan ProbeTimeout { get; }

    /// <summary>The newest of the signer's last real signature and this check's last probe; null before either.</summary>
    public SigningOutcome? LastOutcome
    {
        get
        {
            var real = (_signer as ISigningOutcomeSource)?.LastOutcome;
            var probe = Volatile.Read(ref _probe);
            return real is null ? probe : probe is null || real.At >= probe.At ? real : probe;
        }
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Fresh(LastOutcome) is not { } outcome)
        {
            // The probe has its own timeout, not the caller's: a hung signer is a failed probe, never a hung check.
            outcome = await ProbeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var data = new Dictionary<string, object> { ["signerId"] = _signer.SignerId, ["at"] = outcome.At };
        return outcome.Succeeded ? HealthCheckResult.Healthy(data: data) : new HealthCheckResult(context.Registration.FailureStatus, outcome.Failure, data: data);
    }

    /// <inheritdoc/>
    public void Dispose() => _probing.Dispose();

    private SigningOutcome? Fresh(SigningOutcome? outcome) => outcome is not null && _time.GetUtcNow() - outcome.At < MaxAge ? outcome : null;

    private async Task<SigningOutcome> ProbeAsync()
    {
        await _probing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Fresh(LastOutcome) is { } meanwhile)
            {
                return meanwhile; // another caller probed while this one waited
            }

            using var timeout = new CancellationTokenSource(ProbeTimeout, _time);
            string? failure = null;
            try
            {
                await _signer.SignAsync(new byte[32], timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                failure = string.Create(CultureInfo.InvariantCulture, $"the signer did not answer within {ProbeTimeout.TotalSeconds:0.###} s");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = e.Message;
            }

            var outcome = new SigningOutcome(_time.GetUtcNow(), failure);
            Volatile.Write(ref _probe, outcome);
            return outcome;
        }
        finally
        {
            _probing.Release();
        }
    }
}
