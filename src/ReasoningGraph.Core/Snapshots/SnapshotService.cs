using System.Diagnostics;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Takes signed snapshots (DESIGN.md, "Snapshots"; INTEROP.md §3): collects the subgraph around the roots, builds
/// the payload (redacted for operators), canonicalizes, hashes and signs it, and stores the exact bytes. The
/// snapshot is stored <c>pending</c> before it is signed and becomes <c>signed</c> only together with its document
/// and audit event, so a failed signer leaves a pending snapshot that <see cref="RetryPendingAsync"/> finishes
/// later, and nothing unsigned is ever served. Thread-safe.
/// </summary>
public sealed partial class SnapshotService
{
    private const int MaxRequestIdLength = 200;

    private readonly IReasoningGraphStore _graph;
    private readonly ISnapshotStore _snapshots;
    private readonly SnapshotDocumentSigner _documents;
    private readonly ISnapshotRedactor _redactor;
    private readonly SnapshotServiceOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the service.</summary>
    /// <param name="graph">Where the graph is read from.</param>
    /// <param name="snapshots">Where snapshots are stored (and their audit events appended).</param>
    /// <param name="signer">Signs the snapshot digests.</param>
    /// <param name="verifier">When given, every signature is checked with it before anything is stored as signed.</param>
    /// <param name="redactor">Redacts operator snapshots; when null, nothing is redacted and <c>pii_policy_version</c> is <c>none</c>.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="timeProvider">The clock for ids, <c>created_at</c> and retry waits; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SnapshotService(
        IReasoningGraphStore graph, ISnapshotStore snapshots, IDigestSigner signer, IDigestVerifier? verifier = null,
        ISnapshotRedactor? redactor = null, SnapshotServiceOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(snapshots);
        _options = options ?? new SnapshotServiceOptions();
        _options.Validate();
        _graph = graph;
        _snapshots = snapshots;
        _documents = new SnapshotDocumentSigner(signer, verifier);
        _redactor = redactor ?? UncataloguedRedactor.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Takes a snapshot, or returns the snapshot of an earlier request with the same request id.</summary>
    /// <param name="request">What to snapshot.</param>
    /// <param name="cancellationToken">Cancels the call; a snapshot already stored pending stays pending.</param>
    /// <returns>The signed snapshot.</returns>
    /// <exception cref="ReasoningGraphException">
    /// <c>INVALID_PAYLOAD</c> (no roots, bad depth), <c>NOT_FOUND</c> (a root), <c>FORBIDDEN</c> (an auditor
    /// snapshot without <c>export:pii</c>), <c>CONFLICT</c> (the request id was used for other roots, depth or
    /// audience), <c>SIGNING_FAILURE</c> (the snapshot stays pending), <c>STORE_UNAVAILABLE</c>.
    /// </exception>
    public async Task<StoredSnapshot> CreateAsync(SnapshotRequest request, CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        var (depth, roots) = Validate(request);
        using var activity = ReasoningGraphDiagnostics.ActivitySource.StartActivity("reasoning_graph.snapshot");
        if (request.RequestId is { } requestId && await _snapshots.GetByRequestIdAsync(requestId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return await CompleteAsync(Same(earlier, request, roots, depth), cancellationToken).ConfigureAwait(false);
        }

        var now = Rfc3339Nano.ToStoredPrecision(_timeProvider.GetUtcNow());
        var pending = await BuildAsync(request, roots, depth, now, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("reasoning_graph.snapshot_id", pending.Id.ToString());
        var stored = await _snapshots.PutPendingAsync(pending, cancellationToken).ConfigureAwait(false);
        var signed = await CompleteAsync(stored.Id == pending.Id ? stored : Same(stored, request, roots, depth), cancellationToken).ConfigureAwait(false);
        ReasoningGraphDiagnostics.SnapshotGeneration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return signed;
    }

    /// <summary>A signed snapshot by id.</summary>
    /// <param name="id">The snapshot id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot, with its exact document bytes.</returns>
    /// <exception cref="ReasoningGraphException"><c>NOT_FOUND</c>; <c>SNAPSHOT_NOT_READY</c> while it is pending or on hold.</exception>
    public async Task<StoredSnapshot> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var stored = await _snapshots.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw GraphErrors.NotFound("id", id, null, $"There is no snapshot {id}.");
        return stored.Status == SnapshotStatus.Signed
            ? stored
            : throw new ReasoningGraphException(
                ErrorCodes.SnapshotNotReady,
                stored.Status == SnapshotStatus.OnHold
                    ? $"Snapshot {id} is on hold: snapshot signing is held by an operator; it is signed once the hold is released."
                    : $"Snapshot {id} is not signed yet; try again later.")
            {
                Details = new Dictionary<string, string> { ["id"] = id.ToString(), ["status"] = stored.Status == SnapshotStatus.OnHold ? "on_hold" : "pending" },
            };
    }

    /// <summary>Builds the pending snapshot: collect, redact, write the payload, canonicalize the signed object.</summary>
    private async Task<PendingSnapshot> BuildAsync(SnapshotRequest request, IReadOnlyList<Guid> roots, int depth, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subgraph = await SubgraphCollector.CollectAsync(_graph, roots, depth, cancellationToken).ConfigureAwait(false);
        var id = request.SnapshotId ?? Guid.CreateVersion7(now);
        var content = new SnapshotContent
        {
            Id = id.ToString(),
            RootIds = [.. roots.Select(r => r.ToString())],
            CreatedAt = Rfc3339Nano.Format(now),
            ReasoningGraphVersion = _options.ReasoningGraphVersion,
            Payload = SnapshotPayloadWriter.Write(subgraph, request.Audience, _redactor),
            ManifestSignatureId = request.ManifestSignatureId,
        };
        byte[] signedBytes;
        using (ReasoningGraphDiagnostics.ActivitySource.StartActivity("reasoning_graph.canonicalize"))
        {
            signedBytes = SnapshotDocumentSigner.ComputeSignedBytes(content, payloadWrittenHere: true);
        }

        return new PendingSnapshot
        {
            Id = id, RequestId = request.RequestId, RootIds = roots, Depth = depth, Audience = request.Audience,
            CreatedAt = now, Actor = request.Actor, SignedBytes = signedBytes,
        };
    }

    /// <summary>
    /// Signs a pending snapshot and marks it signed; a signed one, or one on hold (signing is held: it must not be
    /// signed), is returned as it is. The store may answer the marking with the snapshot on hold too, when the hold
    /// came while it was being signed: the signature is then discarded, never published.
    /// </summary>
    private async Task<StoredSnapshot> CompleteAsync(StoredSnapshot stored, CancellationToken cancellationToken)
    {
        if (stored.Status is SnapshotStatus.Signed or SnapshotStatus.OnHold)
        {
            return stored;
        }

        SignedSnapshot signed;
        using (ReasoningGraphDiagnostics.ActivitySource.StartActivity("reasoning_graph.sign"))
        {
            signed = await _documents.SignCanonicalAsync(stored.SignedBytes, cancellationToken).ConfigureAwait(false);
        }

        if (LogCheckpoints is not null && await CurrentCheckpointAsync(LogCheckpoints, cancellationToken).ConfigureAwait(false) is { } note)
        {
            signed = signed.WithLogCheckpoint(note);
        }

        var result = await _snapshots.MarkSignedAsync(stored.Id, signed, cancellationToken).ConfigureAwait(false);
        if (result.Status == SnapshotStatus.Signed)
        {
            SnapshotMetrics.Produced.Add(SnapshotMetrics.Audience(result.Audience));
        }

        return result;
    }

    /// <summary>
    /// Where the audit log's current checkpoint comes from, attached to each document signed here (outside the signed
    /// bytes); null (the default) attaches none.
    /// </summary>
    public ILogCheckpointSource? LogCheckpoints { get; init; }

    /// <summary>The checkpoint to attach; none when the source fails (it is optional: the snapshot is signed without it).</summary>
    private static async Task<string?> CurrentCheckpointAsync(ILogCheckpointSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await source.GetCurrentCheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ReasoningGraphException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The request's depth and its roots, each once, in the order first named.</summary>
    private (int Depth, IReadOnlyList<Guid> Roots) Validate(SnapshotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RootIds is not { Count: > 0 })
        {
            throw GraphErrors.InvalidPayload("rootIds", "A snapshot needs at least one root node id.");
        }

        // A root named twice is one root; the signed root_ids lists each once, and the bound counts distinct ids.
        Guid[] roots = [.. request.RootIds.Distinct()];
        if (roots.Length > _options.MaxRoots)
        {
            throw GraphErrors.InvalidPayload("rootIds", $"A snapshot takes at most {_options.MaxRoots} distinct root node ids, not {roots.Length}.");
        }

        int depth = request.Depth ?? _options.DefaultDepth;
        if (depth < 0 || depth > _options.MaxDepth)
        {
            throw GraphErrors.InvalidPayload("depth", $"depth must be between 0 and {_options.MaxDepth}.");
        }

        if (request.Audience is not (SnapshotAudience.Operator or SnapshotAudience.Auditor))
        {
            throw GraphErrors.InvalidPayload("audience", "audience must be operator or auditor.");
        }

        if (string.IsNullOrWhiteSpace(request.Actor))
        {
            throw GraphErrors.InvalidPayload("actor", "actor must not be empty.");
        }

        if (request.RequestId is { } requestId && (requestId.Length == 0 || requestId.Length > MaxRequestIdLength))
        {
            throw GraphErrors.InvalidPayload("requestId", $"requestId must have 1 to {MaxRequestIdLength} characters.");
        }

        if (request.Audience == SnapshotAudience.Auditor && !request.CanExportPii)
        {
            throw new ReasoningGraphException(ErrorCodes.Forbidden, "An auditor snapshot may include PII and requires the export:pii capability.")
            {
                Details = new Dictionary<string, string> { ["field"] = "audience", ["capability"] = "export:pii" },
            };
        }

        return (depth, roots);
    }

    /// <summary>The earlier snapshot of a request id, when the request asks for the same thing; CONFLICT otherwise.</summary>
    private static StoredSnapshot Same(StoredSnapshot earlier, SnapshotRequest request, IReadOnlyList<Guid> roots, int depth) =>
        earlier.RootIds.SequenceEqual(roots) && earlier.Depth == depth && earlier.Audience == request.Audience
            ? earlier
            : throw new ReasoningGraphException(ErrorCodes.Conflict, $"Request id '{request.RequestId}' was used for a different snapshot ({earlier.Id}).")
            {
                Details = new Dictionary<string, string> { ["field"] = "requestId", ["id"] = earlier.Id.ToString() },
            };
}
