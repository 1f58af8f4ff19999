namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>A proof that cannot be given: the parameter at fault (its HTTP query name) and why.</summary>
internal sealed record ProofRangeProblem(string Parameter, string Message);
