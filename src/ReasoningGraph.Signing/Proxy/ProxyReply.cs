namespace ReasoningGraph.Signing.Proxy;

/// <summary>One answer of the proxy, read completely inside the attempt so that a stalled body also times out.</summary>
internal readonly record struct ProxyReply(int StatusCode, byte[] Body, bool TooLarge)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300 && !TooLarge;

    /// <summary>408, 429 and 5xx: the proxy (or something in front of it) may answer differently later.</summary>
    public bool IsTransient => StatusCode is 408 or 429 or >= 500;
}
