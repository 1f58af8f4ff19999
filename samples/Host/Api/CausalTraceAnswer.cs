using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Model;
using ReasoningGraph.Tracing;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// A causal trace serialized once in the envelope, <c>{"ok":true,"trace_id",…,"ordered_path":[…],"metadata":{…}}</c>:
/// everything up to the end of <c>ordered_path</c> is kept as UTF-8 bytes, and <c>metadata</c> is written per answer
/// so its <c>createdAt</c> stays the time of the answer (DESIGN.md's trace metadata) while the bulk is reused.
/// </summary>
internal sealed class CausalTraceAnswer
{
    private static readonly JsonTypeInfo<IReadOnlyList<CausalTraceEntry>> PathInfo =
        (JsonTypeInfo<IReadOnlyList<CausalTraceEntry>>)ResultJson.CausalTrace.Options.GetTypeInfo(typeof(IReadOnlyList<CausalTraceEntry>));

    private static readonly JsonTypeInfo<CausalTraceMetadata> MetadataInfo =
        (JsonTypeInfo<CausalTraceMetadata>)ResultJson.CausalTrace.Options.GetTypeInfo(typeof(CausalTraceMetadata));

    private static readonly byte[] MetadataName = ",\"metadata\":"u8.ToArray();

    private readonly byte[] _head;
    private readonly CausalTraceMetadata _metadata;

    private CausalTraceAnswer(byte[] head, CausalTraceMetadata metadata)
    {
        _head = head;
        _metadata = metadata;
    }

    /// <summary>Bytes held, for the cache's bound.</summary>
    public long Size => _head.Length + 512;

    /// <summary>Serializes <paramref name="trace"/> (already redacted for its reader).</summary>
    public static CausalTraceAnswer Of(CausalTrace trace)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WriteString("trace_id", trace.TraceId);
            writer.WritePropertyName("ordered_path");
            JsonSerializer.Serialize(writer, trace.OrderedPath, PathInfo);

            // Left open: the metadata and the closing brace are written per answer.
            writer.Flush();
        }

        return new CausalTraceAnswer(buffer.WrittenSpan.ToArray(), trace.Metadata);
    }

    /// <summary>The 200 answer with the metadata's <c>createdAt</c> set to <paramref name="createdAt"/>.</summary>
    public IResult At(DateTimeOffset createdAt) => new Result(this, createdAt);

    private byte[] Tail(DateTimeOffset createdAt)
    {
        var metadata = _metadata with { CreatedAt = createdAt };
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(MetadataName);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, metadata, MetadataInfo);
        }

        buffer.Write("}"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class Result(CausalTraceAnswer answer, DateTimeOffset createdAt) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status200OK;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            byte[] tail = answer.Tail(createdAt);
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = answer._head.Length + tail.Length;
            await response.Body.WriteAsync(answer._head, httpContext.RequestAborted);
            await response.Body.WriteAsync(tail, httpContext.RequestAborted);
        }
    }
}
