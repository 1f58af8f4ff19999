namespace ReasoningGraph.Host.Http;

/// <summary>Endpoint metadata: a header the answer with <see cref="StatusCode"/> carries (<see cref="ApiDescriptions.WithAnswerHeader"/>).</summary>
internal sealed record AnswerHeader(int StatusCode, string Name, string Description);
