using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ReasoningGraph.Host.Http;

/// <summary>
/// A success answer in the Go service's envelope: <c>{"ok":true, …members}</c>. Members are written straight to the
/// response with the library's own JSON contracts, so the host never re-declares the model's wire shape.
/// </summary>
internal sealed class EnvelopeResult : IResult, IStatusCodeHttpResult
{
    private static readonly byte[] OkMember = "{\"ok\":true"u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();

    private readonly int _statusCode;
    private readonly bool _ok = true;
    private readonly Action<Utf8JsonWriter>? _writeMembers;
    private readonly ArrayBufferWriter<byte>? _object;

    /// <summary>An answer whose members after <c>ok</c> are written by <paramref name="writeMembers"/>.</summary>
    public EnvelopeResult(int statusCode, Action<Utf8JsonWriter> writeMembers)
    {
        _statusCode = statusCode;
        _writeMembers = writeMembers;
    }

    /// <summary>
    /// A report whose <c>ok</c> is <paramref name="ok"/> (a probe that failed answers <c>"ok":false</c> with its
    /// findings, not the error envelope, so a prober sees every component's state).
    /// </summary>
    public EnvelopeResult(int statusCode, bool ok, Action<Utf8JsonWriter> writeMembers)
        : this(statusCode, writeMembers) => _ok = ok;

    private EnvelopeResult(int statusCode, ArrayBufferWriter<byte> serializedObject)
    {
        _statusCode = statusCode;
        _object = serializedObject;
    }

    public int? StatusCode => _statusCode;

    /// <summary>
    /// The members of <paramref name="value"/> (an object) after <c>ok</c>: serialized once, and its opening brace
    /// replaced by the envelope's <c>{"ok":true,</c> (no document is parsed back).
    /// </summary>
    public static EnvelopeResult Of<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        if (buffer.WrittenCount < 2 || buffer.WrittenSpan[0] != (byte)'{')
        {
            throw new InvalidOperationException($"{typeof(T).Name} does not serialize as a JSON object.");
        }

        return new EnvelopeResult(statusCode, buffer);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = _statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (_object is not null)
        {
            // {"ok":true + ("," + members + "}" | "}" for an empty object)
            var members = _object.WrittenMemory[1..];
            response.ContentLength = OkMember.Length + (members.Length > 1 ? 1 : 0) + members.Length;
            await response.Body.WriteAsync(OkMember, httpContext.RequestAborted);
            if (members.Length > 1)
            {
                await response.Body.WriteAsync(Comma, httpContext.RequestAborted);
            }

            await response.Body.WriteAsync(members, httpContext.RequestAborted);
            return;
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", _ok);
            _writeMembers!(writer);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
