namespace ReasoningGraph.Host.Http;

/// <summary>
/// Endpoint metadata: a second form of an answer (<see cref="ApiDescriptions.AlsoAnswers"/>): text in
/// <see cref="ContentType"/>, or JSON of <see cref="BareType"/> without the envelope.
/// </summary>
internal sealed record AlternativeAnswer(int StatusCode, string ContentType, Type? BareType);
