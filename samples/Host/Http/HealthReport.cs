namespace ReasoningGraph.Host.Http;

/// <summary>The body of <c>GET /health</c>; <c>db</c> and <c>time</c> are the replaced Go service's fields.</summary>
internal sealed record HealthReport(
    bool Ok,
    bool Db,
    string Time,
    bool ReadOnly,
    [property: System.Text.Json.Serialization.JsonPropertyName("mTLS")] bool Mtls,
    bool KernelConfigured,
    bool SignerConfigured,
    long Uptime,
    string Store,
    DateTimeOffset? ClientCaExpiry,
    DateTimeOffset? ServerCertificateExpiry,
    long AuditSignaturesPending,
    string? ReadOnlyReason,
    ControlReport? SigningHold,
    long SnapshotsOnHold);

/// <summary>An operator switch that is on: why, by whom, since when.</summary>
internal sealed record ControlReport(string Reason, string Actor, DateTimeOffset Since);
