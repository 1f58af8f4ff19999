using Microsoft.OpenApi;

namespace ReasoningGraph.Host.Http;

/// <summary>Endpoint metadata: a parameter read by hand, for the OpenAPI document (<see cref="ApiDescriptions.WithQuery"/>).</summary>
/// <param name="Values">The accepted values when they are a closed list; empty otherwise.</param>
internal sealed record DescribedParameter(
    ParameterLocation In, string Name, JsonSchemaType Type, string Description, bool Required, IReadOnlyList<string> Values);
