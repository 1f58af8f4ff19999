using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ReasoningGraph.Host.Http;

/// <summary>
/// A success answer in the Go service's envelope: <c>{"ok":true, …members}</c>. Members are written straight to the
/// response with the library's own JSON contracts, so the host never re-declares the model's wire shape.
/// </summary>
internal sealed class EnvelopeResult(int statusCode, Action<Utf8JsonWriter> writeMembers) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    /// <summary>200 with the members of <paramref name="value"/> (an object) after <c>ok</c>.</summary>
    public static EnvelopeResult Of<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, writer => WriteMembersOf(writer, value, typeInfo));

    public static void WriteMembersOf<T>(Utf8JsonWriter writer, T value, JsonTypeInfo<T> typeInfo)
    {
        using var document = JsonSerializer.SerializeToDocument(value, typeInfo);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            member.WriteTo(writer);
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writeMembers(writer);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
