namespace ReasoningGraph.Host.Http;

/// <summary>The body of <c>GET /health</c>.</summary>
internal sealed record HealthReport(
    bool Ok,
    [property: System.Text.Json.Serialization.JsonPropertyName("mTLS")] bool Mtls,
    bool KernelConfigured,
    bool SignerConfigured,
    long Uptime,
    string Store,
    DateTimeOffset? ClientCaExpiry,
    DateTimeOffset? ServerCertificateExpiry);
