using Microsoft.Extensions.Logging;

namespace ReasoningGraph.Diagnostics;

/// <summary>Every log message of the package, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Journal {Path}: cut off an incomplete tail ({Reason}) starting at line {Line}; kept {Bytes} bytes of complete batches.")]
    public static partial void JournalTruncated(ILogger logger, string path, long line, string reason, long bytes);
}
