namespace ReasoningGraph.Model;

/// <summary>Annotation types the library understands. Any non-empty annotation type is accepted.</summary>
public static class WellKnownAnnotationTypes
{
    /// <summary><c>note</c>: a remark.</summary>
    public const string Note = "note";

    /// <summary><c>correction</c>: the target is wrong; the payload says how.</summary>
    public const string Correction = "correction";
}
