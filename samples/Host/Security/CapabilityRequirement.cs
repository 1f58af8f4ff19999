namespace ReasoningGraph.Host.Security;

/// <summary>Endpoint metadata: the capability <see cref="CapabilityFilter.RequireCapability"/> checks, for the OpenAPI document's security requirements.</summary>
internal sealed record CapabilityRequirement(string Capability);
