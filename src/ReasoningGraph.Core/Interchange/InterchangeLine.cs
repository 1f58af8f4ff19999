using ReasoningGraph.Model;

namespace ReasoningGraph.Interchange;

/// <summary>One item read from an interchange (JSONL) stream.</summary>
public sealed class InterchangeLine
{
    internal InterchangeLine(long lineNumber, GraphItemInput input, bool continuesBatch)
    {
        LineNumber = lineNumber;
        Input = input;
        ContinuesBatch = continuesBatch;
    }

    /// <summary>The 1-based line number.</summary>
    public long LineNumber { get; }

    /// <summary>The item, as an input (it keeps <c>createdAt</c> when the line has one).</summary>
    public GraphItemInput Input { get; }

    /// <summary>
    /// True when the line ends in a space: it was written as part of a multi-item batch and more lines of that
    /// batch follow. Files written by other tools have no such marks; every line is then its own batch.
    /// </summary>
    public bool ContinuesBatch { get; }
}
