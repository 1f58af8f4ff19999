using System.Diagnostics.Metrics;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The signer's state for <c>/ready</c> and <c>/metrics</c>, read from the signatures the service makes anyway: a
/// remote signer's last real signature (<see cref="ISigningOutcomeSource"/>) when it is recent, else one probe
/// signature, shared by every caller and kept for <see cref="MaxAge"/> (a pod signs at most one probe per interval,
/// however often it is probed). A local key cannot fail. The signer's state never decides readiness: an outage stops
/// only what must stop (snapshots stay pending), while reads and writes go on.
/// </summary>
internal sealed class SignerHealth : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly IDigestSigner? _signer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _probing = new(1, 1);
    private SigningOutcome? _probe;

    public SignerHealth(IDigestSigner? signer, TimeProvider time, IMeterFactory meters)
    {
        _signer = signer;
        _time = time;
        meters.Create("ReasoningGraph.Host").CreateObservableGauge(
            "reasoning_graph.host.signer_up", () => Last() is { } outcome ? (outcome.Succeeded ? 1 : 0) : 1,
            description: "1 when the signer's last signature (or probe) succeeded, 0 when it failed; snapshots stay pending while it is 0.");
    }

    /// <summary><c>ok</c>, <c>failed: …</c> or <c>not configured</c>.</summary>
    public async Task<string> StatusAsync()
    {
        if (_signer is null)
        {
            return "not configured";
        }

        if (Fresh(Last()) is not { } outcome)
        {
            // Its own timeout, not the caller's: a hung signer is a failed probe, never a failed /ready.
            outcome = await ProbeAsync(CancellationToken.None);
        }

        return outcome.Succeeded ? "ok" : "failed: " + outcome.Failure;
    }

    public void Dispose() => _probing.Dispose();

    private SigningOutcome? Last()
    {
        var real = (_signer as ISigningOutcomeSource)?.LastOutcome;
        var probe = Volatile.Read(ref _probe);
        return real is null ? probe : probe is null || real.At >= probe.At ? real : probe;
    }

    private SigningOutcome? Fresh(SigningOutcome? outcome) => outcome is not null && _time.GetUtcNow() - outcome.At < MaxAge ? outcome : null;

    private async Task<SigningOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(Last()) is { } meanwhile)
            {
                return meanwhile; // another caller probed while this one waited
            }

            using var timeout = new CancellationTokenSource(ProbeTimeout);
            string? failure = null;
            try
            {
                await _signer!.SignAsync(new byte[32], timeout.Token);
            }
            catch (OperationCanceledException)
            {
                failure = $"the signer did not answer within {ProbeTimeout.TotalSeconds:0} s";
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
