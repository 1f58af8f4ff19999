using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
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

    private GraphJournal(FileStream file, bool flushToDisk)
    {
        _file = file;
        _flushToDisk = flushToDisk;
    }

    /// <summary>Opens (creating if needed) and replays a journal; each complete batch is passed to <paramref name="replay"/>.</summary>
    public static GraphJournal Open(string path, InMemoryStoreOptions options, ILogger logger, Action<GraphBatch> replay)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            long committed = Replay(file, path, options, logger, replay);
            if (committed < file.Length)
            {
                file.SetLength(committed);
                file.Flush(flushToDisk: true);
            }

            file.Seek(0, SeekOrigin.End);
            return new GraphJournal(file, options.FlushToDisk);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends one committed batch and flushes it; on failure the file is cut back and nothing is kept.</summary>
    public void Append(IReadOnlyList<GraphItem> items)
    {
        if (_faulted)
        {
            throw GraphErrors.StoreUnavailable("The journal failed earlier and accepts no more writes.");
        }

        _buffer.ResetWrittenCount();
        for (int i = 0; i < items.Count; i++)
        {
            GraphInterchange.WriteLine(_buffer, items[i], continuesBatch: i < items.Count - 1);
        }

        long length = _file.Length;
        try
        {
            _file.Write(_buffer.WrittenSpan);
            _file.Flush(_flushToDisk);
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

    /// <returns>The offset just past the last complete batch.</returns>
    private static long Replay(FileStream file, string path, InMemoryStoreOptions options, ILogger logger, Action<GraphBatch> replay)
    {
        using var reader = new JsonLineReader(file);
        var batch = new GraphBatch();
        long committed = 0, batchStartLine = 0;
        while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } line)
        {
            if (!line.Terminated)
            {
                return Torn(path, options, logger, line.Number, "torn-line", committed);
            }

            if (line.IsBlank)
            {
                if (batch.Count == 0)
                {
                    committed = line.EndOffset;
                }

                continue;
            }

            var input = GraphInterchange.Parse(line);
            batchStartLine = batch.Count == 0 ? line.Number : batchStartLine;
            batch.Add(input.Input);
            if (input.ContinuesBatch)
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

            batch = new GraphBatch();
            committed = line.EndOffset;
        }

        return batch.Count == 0 ? committed : Torn(path, options, logger, batchStartLine, "torn-batch", committed);
    }

    private static long Torn(string path, InMemoryStoreOptions options, ILogger logger, long line, string reason, long committed)
    {
        if (options.TruncateTornJournalTail)
        {
            Log.JournalTruncated(logger, path, line, reason, committed);
            return committed;
        }

        throw new ReasoningGraphException(
            ErrorCodes.InvalidPayload,
            $"The journal '{path}' ends in an incomplete {(reason == "torn-line" ? "line" : "batch")} starting at line {line} " +
            "(an interrupted write). Set TruncateTornJournalTail to cut it off.")
        {
            Details = new Dictionary<string, string>
            {
                ["field"] = "journal", ["reason"] = reason, ["path"] = path,
                ["line"] = line.ToString(CultureInfo.InvariantCulture),
            },
        };
    }
}
