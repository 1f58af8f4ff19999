namespace ReasoningGraph.Host.Security;

/// <summary>An authenticated caller: a name for logs and rate limits, how it proved itself, and its capabilities.</summary>
internal sealed record Caller(string Name, string Via, IReadOnlySet<string> Capabilities)
{
    /// <summary>The Kernel division a JWT names in its <c>division</c> claim; null otherwise (see <see cref="Divisions"/>).</summary>
    public string? Division { get; init; }

    public bool Can(string capability) => Capabilities.Contains(capability);
}

/// <summary>The outcome of authentication for one request, as an HTTP feature.</summary>
internal sealed class CallerFeature
{
    /// <summary>The caller, or null when no credential was accepted.</summary>
    public Caller? Caller { get; init; }

    /// <summary>Why a presented credential was refused (for the 401 message), or null.</summary>
    public string? Rejection { get; init; }

    public static Caller? Of(HttpContext context) => context.Features.Get<CallerFeature>()?.Caller;
}
