namespace ReasoningGraph.Model;

/// <summary>The well-known node types, accepted by default.</summary>
public static class WellKnownNodeTypes
{
    /// <summary><c>observation</c>: something seen.</summary>
    public const string Observation = "observation";

    /// <summary><c>recommendation</c>: something proposed.</summary>
    public const string Recommendation = "recommendation";

    /// <summary><c>decision</c>: something decided.</summary>
    public const string Decision = "decision";

    /// <summary><c>action</c>: something done.</summary>
    public const string Action = "action";

    /// <summary><c>hypothesis</c>: something assumed.</summary>
    public const string Hypothesis = "hypothesis";

    /// <summary><c>policyCheck</c>: the outcome of a policy evaluation.</summary>
    public const string PolicyCheck = "policyCheck";

    /// <summary><c>score</c>: a computed score.</summary>
    public const string Score = "score";

    /// <summary><c>correction</c>: a correction of an earlier node.</summary>
    public const string Correction = "correction";

    /// <summary>All of the above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Observation, Recommendation, Decision, Action, Hypothesis, PolicyCheck, Score, Correction];
}
