using System.Text.Json;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Http;

/// <summary>A failure in the envelope: <c>{"ok":false,"error":{"code","message","details"}}</c>.</summary>
internal sealed class ErrorResult(int statusCode, string code, string message, IReadOnlyDictionary<string, string>? details = null)
    : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public string Code => code;

    /// <summary>The answer for a domain failure, with the HTTP status its code maps to.</summary>
    public static ErrorResult From(ReasoningGraphException error) =>
        new(ErrorStatus.For(error.ErrorCode), error.ErrorCode, error.Message, error.Details);

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, httpContext.RequestAborted);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (code == ErrorCodes.StoreUnavailable && !response.Headers.ContainsKey("Retry-After"))
        {
            // A failover or a restart is seconds: tell well-behaved clients when to re-send (by the same ids).
            response.Headers.RetryAfter = "1";
        }
        // Relaxed escaping: a message reads "'x' is not…", not "\u0027x\u0027"; the body is JSON, never HTML.
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", false);
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteStartObject("details");
            foreach (var (key, value) in details ?? EmptyDetails)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private static readonly Dictionary<string, string> EmptyDetails = [];
}
