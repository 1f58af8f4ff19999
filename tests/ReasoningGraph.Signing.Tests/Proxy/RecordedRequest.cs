using System.Text.Json;

namespace ReasoningGraph.Signing.Tests.Proxy;

/// <summary>What the proxy saw of one sign request.</summary>
internal sealed record RecordedRequest(string? Authorization, string? Body, string? ClientCertificateSubject)
{
    public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement;
}
