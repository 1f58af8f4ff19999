using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Interchange;

/// <summary>
/// The graph interchange format: one JSON object per line tagged by <c>kind</c> (<c>node</c>, <c>edge</c>,
/// <c>annotation</c>) with the item's fields. Used by import, export, the offline commands and the journal.
/// Blank lines, and the <c>audit_event</c>, <c>snapshot…</c> and <c>log_checkpoint</c> lines of the embedded store's journal, are skipped. Errors name the line
/// number (detail <c>line</c>).
/// </summary>
public static class GraphInterchange
{
    /// <summary>Reads every line of a stream as an input.</summary>
    /// <param name="utf8">The JSONL text; read to its end, not disposed.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The lines, in order.</returns>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> for a line that is not a valid item; details carry <c>line</c>.</exception>
    public static async IAsyncEnumerable<InterchangeLine> ReadAsync(Stream utf8, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var reader = new JsonLineReader(utf8);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            // The embedded store's journal is this format plus its audit chain; the chain is the store's, not the graph's.
            if (!line.IsBlank && !AuditEventLine.Is(line) && !SnapshotLine.Is(line) && !CheckpointLine.Is(line))
            {
                yield return Parse(line);
            }
        }
    }

    /// <summary>Parses one line (without its terminator) as an input.</summary>
    /// <param name="utf8Line">The line's bytes.</param>
    /// <param name="lineNumber">Its 1-based number, for error details.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c>; details carry <c>line</c>.</exception>
    public static GraphItemInput ParseLine(ReadOnlySpan<byte> utf8Line, long lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Line, GraphJson.Input)
                ?? throw new JsonException("The line is null, not an item.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            var error = GraphErrors.InvalidPayload("line", "Not a valid interchange item (node, edge or annotation with a \"kind\"): " + e.Message, reason: "invalid-line");
            throw GraphErrors.AtLine(error, lineNumber);
        }
    }

    /// <summary>Writes one item as a line (with its terminator).</summary>
    /// <param name="destination">Receives the UTF-8 line.</param>
    /// <param name="item">The item.</param>
    /// <param name="continuesBatch">Mark the line as followed by more lines of the same batch (a space before the newline).</param>
    public static void WriteLine(IBufferWriter<byte> destination, GraphItem item, bool continuesBatch = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(item);
        using (var writer = new Utf8JsonWriter(destination))
        {
            JsonSerializer.Serialize(writer, item, GraphJson.Item);
        }

        destination.Write(continuesBatch ? " \n"u8 : "\n"u8);
    }

    /// <summary>Writes items as interchange lines, one per item.</summary>
    /// <param name="items">The items, typically a store's <c>ReadAllAsync</c>.</param>
    /// <param name="destination">The stream to write to; not disposed.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of lines written.</returns>
    public static async Task<long> WriteAsync(IAsyncEnumerable<GraphItem> items, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        long count = 0;
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            WriteLine(buffer, item);
            count++;
            if (buffer.WrittenCount >= 1 << 16)
            {
                await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return count;
    }

    internal static InterchangeLine Parse(RawLine line) =>
        new(line.Number, ParseLine(line.Content.Span, line.Number), line.ContinuesBatch);
}
