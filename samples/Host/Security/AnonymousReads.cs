using ReasoningGraph.Redaction;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// <c>ALLOW_ANONYMOUS_READS=true</c>, for drop-in migrations from the Go service, whose reads needed no credential:
/// a request without any credential may use the endpoints marked <see cref="AllowAnonymousRead"/> as the caller
/// <c>anonymous</c>, holding <c>read:trace</c> only, so it always gets the PII-redacted view. Off by default; a
/// presented credential that is refused is still refused, and nothing that writes or signs is ever anonymous.
/// </summary>
internal static partial class AnonymousReads
{
    public const string Via = "anonymous";

    public static Caller Caller { get; } = new("anonymous", Via, new HashSet<string>(StringComparer.Ordinal) { Capabilities.ReadTrace });

    /// <summary>Marks a read endpoint that <c>ALLOW_ANONYMOUS_READS</c> opens.</summary>
    public static RouteHandlerBuilder AllowAnonymousRead(this RouteHandlerBuilder builder) => builder.WithMetadata(new Marker());

    /// <summary>Whether an endpoint with <paramref name="metadata"/> is one that anonymous callers may use (the OpenAPI document asks).</summary>
    public static bool IsMarked(IEnumerable<object> metadata) => metadata.OfType<Marker>().Any();

    /// <summary>Whether the request's endpoint is one that anonymous callers may use.</summary>
    public static bool IsAllowed(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<Marker>() is not null;

    /// <summary>Says at start-up, once, that reads are open, and loudly when nothing would be redacted.</summary>
    public static void LogAtStartup(ILogger logger, IPiiRedactor? redactor)
    {
        if (redactor is null || redactor.Catalog.Fields.Count == 0)
        {
            LogOpenWithoutCatalog(logger);
        }
        else
        {
            LogOpen(logger, redactor.Catalog.PolicyVersion);
        }
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message =
        "ALLOW_ANONYMOUS_READS=true: the read endpoints answer requests without credentials, PII redacted by catalog {PolicyVersion}. Turn it off once every caller sends a credential.")]
    private static partial void LogOpen(ILogger logger, string policyVersion);

    [LoggerMessage(EventId = 211, Level = LogLevel.Critical, Message =
        "ALLOW_ANONYMOUS_READS=true and the PII catalog is empty or not configured (PII_CATALOG_FILE): nothing is redacted, so anyone who reaches this service reads every payload in full. Set PII_CATALOG_FILE, or turn ALLOW_ANONYMOUS_READS off.")]
    private static partial void LogOpenWithoutCatalog(ILogger logger);

    private sealed class Marker;
}
