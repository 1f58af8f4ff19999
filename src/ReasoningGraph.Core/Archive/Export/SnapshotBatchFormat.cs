using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Archive.Export;

/// <summary>
/// Export batches: gzipped JSONL, one signed snapshot per line, in <c>seq</c> order:
/// <c>{"seq","id","audience","hash","signer_kid","signed_at","document"}</c>, where <c>document</c> is the snapshot
/// document as a JSON string. Unescaping that string and encoding it as UTF-8 gives back the signed document byte
/// for byte (documents are UTF-8 JSON; the writer refuses any that is not), so each line verifies offline with
/// <see cref="SnapshotVerifier"/>. The other members are an index for people and tools; the verifier trusts only the document.
/// </summary>
public static class SnapshotBatchFormat
{
    /// <summary>The file name extension of a batch.</summary>
    public const string Extension = ".jsonl.gz";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    /// <summary>Writes snapshots as one gzipped batch.</summary>
    /// <param name="snapshots">The snapshots, in <c>seq</c> order.</param>
    /// <returns>The gzipped bytes.</returns>
    /// <exception cref="ArgumentException">A snapshot is not signed, or its document is not UTF-8.</exception>
    public static byte[] Write(IEnumerable<SequencedSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var line = new ArrayBufferWriter<byte>(4096);
            foreach (var item in snapshots)
            {
                line.ResetWrittenCount();
                WriteLine(item, line);
                gzip.Write(line.WrittenSpan);
            }
        }

        return output.ToArray();
    }

    /// <summary>Reads a gzipped batch: one entry per non-empty line, malformed lines included (with <see cref="SnapshotBatchEntry.Error"/>).</summary>
    /// <param name="batch">The gzipped bytes.</param>
    /// <returns>The entries, in line order.</returns>
    /// <exception cref="InvalidDataException">The bytes are not gzip.</exception>
    public static IReadOnlyList<SnapshotBatchEntry> Read(ReadOnlyMemory<byte> batch)
    {
        using var input = new MemoryStream(batch.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return ReadLines(buffer.ToArray());
    }

    /// <summary>
    /// Reads an uncompressed batch (the JSONL a gzipped batch holds, for example after <c>gunzip</c>): one entry per
    /// non-empty line, malformed lines included (with <see cref="SnapshotBatchEntry.Error"/>).
    /// </summary>
    /// <param name="lines">The UTF-8 JSON lines.</param>
    /// <returns>The entries, in line order.</returns>
    public static IReadOnlyList<SnapshotBatchEntry> ReadLines(ReadOnlyMemory<byte> lines)
    {
        var entries = new List<SnapshotBatchEntry>();
        var text = lines.Span;
        int start = 0;
        for (int number = 1; start < text.Length; number++)
        {
            int end = text[start..].IndexOf((byte)'\n');
            end = end < 0 ? text.Length : start + end;
            if (end > start)
            {
                entries.Add(ReadLine(lines[start..end], number));
            }

            start = end + 1;
        }

        return entries;
    }

    /// <summary>
    /// Whether uncompressed bytes are batch lines rather than one snapshot document: their first line is a batch line
    /// (a JSON object with a string <c>document</c>, a member no snapshot document has). A batch of one snapshot is a
    /// single JSON object too, so parsing the whole input as one document cannot tell them apart.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>True when the first line is a batch line.</returns>
    public static bool StartsWithBatchLine(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)'\n');
        var reader = new Utf8JsonReader(end < 0 ? bytes : bytes[..end]);
        try
        {
            using var json = JsonDocument.ParseValue(ref reader);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("document", out var document) && document.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether bytes start like gzip (a batch) rather than a JSON document.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>True when they begin with the gzip magic number.</returns>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static void WriteLine(SequencedSnapshot item, IBufferWriter<byte> output)
    {
        var snapshot = item.Snapshot;
        if (snapshot.Status != SnapshotStatus.Signed || snapshot.Hash is null || snapshot.SignerId is null)
        {
            throw new ArgumentException($"Snapshot {snapshot.Id} is not signed; only signed snapshots are exported.", nameof(item));
        }

        string document;
        try
        {
            document = StrictUtf8.GetString(snapshot.Document.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new ArgumentException($"The document of snapshot {snapshot.Id} is not UTF-8 and could not be recovered byte for byte.", nameof(item), e);
        }

        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", item.Seq);
            json.WriteString("id", snapshot.Id.ToString());
            json.WriteString("audience", snapshot.Audience == SnapshotAudience.Auditor ? "auditor" : "operator");
            json.WriteString("hash", snapshot.Hash);
            json.WriteString("signer_kid", snapshot.SignerId);
            json.WriteString("signed_at", Rfc3339Nano.Format(item.SignedAt));
            json.WriteString("document", document);
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    private static SnapshotBatchEntry ReadLine(ReadOnlyMemory<byte> line, int number)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Malformed(number, "the line is not a JSON object");
            }

            if (!root.TryGetProperty("document", out var document) || document.ValueKind != JsonValueKind.String)
            {
                return Malformed(number, "the line has no string 'document'", Text(root, "id"));
            }

            return new SnapshotBatchEntry
            {
                LineNumber = number,
                Seq = root.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out long value) ? value : null,
                SnapshotId = Text(root, "id"),
                Hash = Text(root, "hash"),
                Audience = Text(root, "audience"),
                Document = Encoding.UTF8.GetBytes(document.GetString()!),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that does not decode to Unicode text (for example a lone surrogate escape).
            return Malformed(number, "the line is not valid JSON: " + e.Message);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static SnapshotBatchEntry Malformed(int number, string why, string? id = null) =>
        new() { LineNumber = number, SnapshotId = id, Error = why };
}
