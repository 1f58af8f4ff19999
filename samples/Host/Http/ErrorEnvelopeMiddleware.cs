using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Http;

/// <summary>
/// Turns every failure into the error envelope: domain errors with their code, oversized or unreadable bodies as
/// <c>INVALID_PAYLOAD</c> (413/400), and anything unexpected as a 500 that does not leak the exception.
/// </summary>
internal sealed partial class ErrorEnvelopeMiddleware(RequestDelegate next, ILogger<ErrorEnvelopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ReasoningGraphException e) when (!context.Response.HasStarted)
        {
            await ErrorResult.From(e).WriteAsync(context.Response, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            string message = e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is larger than the configured limit.",
                StatusCodes.Status415UnsupportedMediaType => e.Message,
                _ => "The request could not be read: " + e.Message,
            };
            await new ErrorResult(e.StatusCode, ErrorCodes.InvalidPayload, message).WriteAsync(context.Response, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnexpected(logger, e, context.Request.Method, context.Request.Path);
            await new ErrorResult(StatusCodes.Status500InternalServerError, ErrorStatus.InternalError, "An unexpected error occurred.")
                .WriteAsync(context.Response, context.RequestAborted);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Unexpected failure answering {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, PathString path);
}
