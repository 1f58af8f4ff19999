using System.Text.Json;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>verify-snapshot</c> on an export batch (<see cref="SnapshotBatchFormat"/>), gzipped or not (a <c>.jsonl</c>, for
/// example after <c>gunzip</c>): every line's document is verified on
/// its own, and every failure is named by line, seq and snapshot id with its reason: the verifier's
/// (<c>malformed-document</c>, <c>hash-mismatch</c>, <c>unknown-signer</c>, <c>bad-signature</c>),
/// <c>malformed-line</c> (not a batch line), or <c>index-mismatch</c> (a verified document whose line claims another id or hash).
/// Progress (snapshots checked of the batch's, the rate, the time left) goes to stderr unless <c>--quiet</c>.
/// </summary>
internal static class BatchVerification
{
    public static async Task<int> RunAsync(byte[] batch, bool gzipped, SnapshotVerifier verifier, bool quiet, CancellationToken cancellationToken)
    {
        IReadOnlyList<SnapshotBatchEntry> entries;
        try
        {
            entries = gzipped ? SnapshotBatchFormat.Read(batch) : SnapshotBatchFormat.ReadLines(batch);
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync($"error: not a gzipped batch: {e.Message}");
            return ExitCodes.BadInput;
        }

        var failures = new List<Failure>();
        using (var progress = CliProgress.Start("verify-snapshot", quiet, total: entries.Count))
        {
            foreach (var entry in entries)
            {
                if (Check(entry, verifier) is { } failure)
                {
                    failures.Add(failure);
                }

                progress.Add();
            }
        }

        if (entries.Count == 0)
        {
            failures.Add(new Failure(0, null, null, "malformed-line", null, "the batch holds no snapshot"));
        }

        await WriteVerdictAsync(entries.Count, failures, cancellationToken);
        foreach (var f in failures)
        {
            await Console.Error.WriteLineAsync(
                $"verification failed: line {f.Line} (snapshot {f.SnapshotId ?? "?"}, seq {f.Seq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}): " +
                $"{f.Reason}{(f.Field is null ? "" : $" ({f.Field})")}: {f.Message}");
        }

        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Negative;
    }

    private static Failure? Check(SnapshotBatchEntry entry, SnapshotVerifier verifier)
    {
        if (entry.Error is not null)
        {
            return new Failure(entry.LineNumber, entry.Seq, entry.SnapshotId, "malformed-line", null, entry.Error);
        }

        var result = verifier.Verify(entry.Document.Span);
        string? id = result.SnapshotId ?? entry.SnapshotId;
        if (!result.IsVerified)
        {
            return new Failure(entry.LineNumber, entry.Seq, id, result.Reason, result.Field, result.Message);
        }

        return result.SnapshotId != entry.SnapshotId || result.ComputedHash != entry.Hash
            ? new Failure(entry.LineNumber, entry.Seq, id, "index-mismatch", "id",
                $"the document verifies as snapshot {result.SnapshotId} with hash {result.ComputedHash}, but the line claims {entry.SnapshotId} with hash {entry.Hash}")
            : null;
    }

    private static async Task WriteVerdictAsync(int count, List<Failure> failures, CancellationToken cancellationToken)
    {
        await GraphCommands.WriteUnescapedJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("verified", failures.Count == 0);
            json.WriteNumber("snapshots", count);
            json.WriteNumber("failed", failures.Count);
            json.WriteStartArray("failures");
            foreach (var f in failures)
            {
                json.WriteStartObject();
                json.WriteNumber("line", f.Line);
                if (f.Seq is { } seq)
                {
                    json.WriteNumber("seq", seq);
                }
                else
                {
                    json.WriteNull("seq");
                }

                json.WriteString("snapshotId", f.SnapshotId);
                json.WriteString("reason", f.Reason);
                json.WriteString("field", f.Field);
                json.WriteString("message", f.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }, cancellationToken);
    }

    private sealed record Failure(int Line, long? Seq, string? SnapshotId, string Reason, string? Field, string Message);
}
