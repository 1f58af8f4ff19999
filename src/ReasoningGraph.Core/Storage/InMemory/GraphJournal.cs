using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ReasoningGraph.Audit;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The embedded store's durability: committed batches appended to an interchange-format file. Every line of a
/// batch but the last ends in a space (still valid JSONL for any reader), so a batch cut short by a crash is
/// recognised on load just like a torn last line.
/// </summary>
internal sealed class GraphJournal : IDisposable
{
    private readonly FileStream _file;
    private readonly bool _flushToDisk;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 12);
    private bool _faulted;
    private long _committedLength;

    private GraphJournal(FileStream file, bool flushToDisk)
    {
        _file = file;
        _flushToDisk = flushToDisk;
    }

    /// <summary>
    /// Opens (creating it and its directory if needed) and replays a journal; each complete batch is passed to
    /// <paramref name="replay"/>.
    /// </summary>
    public static GraphJournal Open(string path, InMemoryStoreOptions options, ILogger logger, Action<JournalBatch> replay)
    {
        // A first start with a journal under a data directory of its own (data/graph.jsonl) must not need a mkdir first.
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            var end = Replay(file, replay);
            if (end.TornLine is { } line)
            {
                if (!options.TruncateTornJournalTail)
                {
                    throw TornTail(path, line, end.TornReason!);
                }

                Log.JournalTruncated(logger, path, line, end.TornReason!, end.Committed);
                file.SetLength(end.Committed);
                file.Flush(flushToDisk: true);
            }

            file.Seek(0, SeekOrigin.End);
            return new GraphJournal(file, options.FlushToDisk) { _committedLength = file.Length };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Replays a journal without changing it: what it holds and whether it ends in a torn line or batch.</summary>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the line: the content itself is damaged.</exception>
    public static JournalCheckResult Check(string path, Action<JournalBatch> replay)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        var end = Replay(file, replay);
        return new JournalCheckResult
        {
            Path = path, Length = file.Length, CommittedLength = end.Committed, Batches = end.Batches, Items = end.Items,
            TornTailLine = end.TornLine, TornTailReason = end.TornReason,
        };
    }

    /// <summary>Cuts a torn tail back to the last complete batch, after copying the file to <paramref name="backupPath"/>.</summary>
    public static void Truncate(string path, long committedLength, string backupPath)
    {
        File.Copy(path, backupPath, overwrite: false);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        file.SetLength(committedLength);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The journal's length after its last complete batch: what a reader may read while writes go on.</summary>
    public long CommittedLength => Volatile.Read(ref _committedLength);

    /// <summary>
    /// Appends one committed batch, its items and then their audit events, and flushes it; on failure the file is
    /// cut back and nothing is kept.
    /// </summary>
    public void Append(IReadOnlyList<GraphItem> items, IReadOnlyList<AuditEvent> events) => Commit(buffer =>
    {
        int lines = items.Count + events.Count;
        for (int i = 0; i < items.Count; i++)
        {
            GraphInterchange.WriteLine(buffer, items[i], continuesBatch: i < lines - 1);
        }

        for (int i = 0; i < events.Count; i++)
        {
            AuditEventLine.Write(buffer, events[i], continuesBatch: items.Count + i < lines - 1);
        }
    });

    /// <summary>Appends a snapshot stored pending, as a batch of its own.</summary>
    public void AppendPendingSnapshot(StoredSnapshot snapshot) => Commit(buffer => SnapshotLine.WritePending(buffer, snapshot, continuesBatch: false));

    /// <summary>Appends the signing of a snapshot and its audit event, as one batch.</summary>
    public void AppendSignedSnapshot(Guid id, SignedSnapshot document, AuditEvent auditEvent) => Commit(buffer =>
    {
        SnapshotLine.WriteSigned(buffer, id, document, auditEvent.Id, continuesBatch: true);
        AuditEventLine.Write(buffer, auditEvent, continuesBatch: false);
    });

    /// <summary>Appends a stored log checkpoint and its audit event, as one batch.</summary>
    public void AppendCheckpoint(StoredCheckpoint checkpoint, AuditEvent auditEvent) => Commit(buffer =>
    {
        CheckpointLine.Write(buffer, checkpoint, continuesBatch: true);
        AuditEventLine.Write(buffer, auditEvent, continuesBatch: false);
    });

    private void Commit(Action<ArrayBufferWriter<byte>> fill)
    {
        if (_faulted)
        {
            throw GraphErrors.StoreUnavailable("The journal failed earlier and accepts no more writes.");
        }

        _buffer.ResetWrittenCount();
        fill(_buffer);
        long length = _file.Length;
        try
        {
            _file.Write(_buffer.WrittenSpan);
            _file.Flush(_flushToDisk);
            Volatile.Write(ref _committedLength, _file.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                _file.SetLength(length);
            }
            catch (IOException)
            {
                _faulted = true;
            }

            throw GraphErrors.StoreUnavailable("The journal could not be written; nothing was stored.", e);
        }
    }

    public void Dispose()
    {
        _faulted = true;
        _file.Dispose();
    }

    /// <summary>Where a replay stopped: just past the last complete batch, and the torn line or batch after it, if any.</summary>
    private readonly record struct ReplayEnd(long Committed, long Batches, long Items, long? TornLine = null, string? TornReason = null);

    private static ReplayEnd Replay(FileStream file, Action<JournalBatch> replay)
    {
        using var reader = new JsonLineReader(file);
        var batch = new JournalBatch();
        long committed = 0, batchStartLine = 0, batches = 0, items = 0;
        while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } line)
        {
            if (!line.Terminated)
            {
                return new ReplayEnd(committed, batches, items, batch.IsEmpty ? line.Number : batchStartLine, "torn-line");
            }

            if (line.IsBlank)
            {
                if (batch.IsEmpty)
                {
                    committed = line.EndOffset;
                }

                continue;
            }

            batchStartLine = batch.IsEmpty ? line.Number : batchStartLine;
            bool continues = line.ContinuesBatch;
            if (AuditEventLine.Is(line))
            {
                batch.Events.Add(AuditEventLine.Read(line));
            }
            else if (SnapshotLine.Is(line))
            {
                batch.Snapshots.Add(SnapshotLine.Read(line));
            }
            else if (CheckpointLine.Is(line))
            {
                batch.Checkpoints.Add(CheckpointLine.Read(line));
            }
            else
            {
                var input = GraphInterchange.Parse(line);
                batch.Items.Add(input.Input);
                continues = input.ContinuesBatch;
            }

            if (continues)
            {
                continue;
            }

            try
            {
                replay(batch);
            }
            catch (ReasoningGraphException e)
            {
                throw GraphErrors.AtLine(e, batchStartLine);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException or System.Text.Json.JsonException)
            {
                // A damaged value inside a well-formed line (a hash that is not hex, an id that is not a string): refused
                // with its line like any other damage, never a crash.
                throw GraphErrors.AtLine(GraphErrors.InvalidPayload("journal", "The journal's audit chain is broken: " + e.Message, reason: "audit-chain-broken"), batchStartLine);
            }

            batches++;
            items += batch.Items.Count;
            batch = new JournalBatch();
            committed = line.EndOffset;
        }

        return batch.IsEmpty ? new ReplayEnd(committed, batches, items) : new ReplayEnd(committed, batches, items, batchStartLine, "torn-batch");
    }

    private static ReasoningGraphException TornTail(string path, long line, string reason) => new(
        ErrorCodes.InvalidPayload,
        $"The journal '{path}' ends in an incomplete {(reason == "torn-line" ? "line" : "batch")} starting at line {line} " +
        "(an interrupted write). Set TruncateTornJournalTail, or run InMemoryGraphStore.RepairJournal (reasoning-graph journal repair), to cut it back to the last complete batch.")
    {
        Details = new Dictionary<string, string>
        {
            ["field"] = "journal", ["reason"] = reason, ["path"] = path,
            ["line"] = line.ToString(CultureInfo.InvariantCulture),
        },
    };
}
