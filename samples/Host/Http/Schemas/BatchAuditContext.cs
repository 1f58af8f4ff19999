using System.Text.Json.Serialization;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A batch's <c>audit_context</c>: the Kernel manifest signature that fills the nodes that name none.</summary>
internal sealed record BatchAuditContext
{
    [JsonPropertyName("kernel_manifest_signature_id")]
    public string? KernelManifestSignatureId { get; init; }
}
