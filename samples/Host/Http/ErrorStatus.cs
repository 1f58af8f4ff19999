using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Http;

/// <summary>The HTTP status of each stable error code (DESIGN.md, "Errors").</summary>
internal static class ErrorStatus
{
    /// <summary>Host-only code for a failure that is not a domain error (a bug or an unexpected crash).</summary>
    public const string InternalError = "INTERNAL_ERROR";

    public static int For(string code) => code switch
    {
        ErrorCodes.InvalidPayload or ErrorCodes.InvalidCursor or ErrorCodes.CanonicalizationError => StatusCodes.Status400BadRequest,
        ErrorCodes.NotAuthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict or ErrorCodes.SnapshotNotReady => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.SigningFailure => StatusCodes.Status502BadGateway,
        ErrorCodes.StoreUnavailable or ErrorCodes.ReadOnly => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
