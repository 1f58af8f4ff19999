namespace ReasoningGraph.Tests.Parity;

/// <summary>
/// A fact that needs reference tools: skipped when one is missing on a developer machine, but run (and so
/// failing) when <c>CI=true</c>, so CI can never pass by silently skipping parity.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute(params ReferenceTool[] tools)
    {
        Tools = tools;
        string? missing = tools.Select(ReferenceTools.Missing).FirstOrDefault(reason => reason is not null);
        if (missing is not null && !ReferenceTools.IsCi)
        {
            Skip = missing + "; CI=true would fail instead of skipping";
        }
    }

    public IReadOnlyList<ReferenceTool> Tools { get; }
}
