namespace ReasoningGraph.Interchange;

/// <summary>One line of a JSONL stream.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Content">The bytes without the line terminator.</param>
/// <param name="Terminated">Whether a <c>\n</c> ended the line (false only for the last line).</param>
/// <param name="ContinuesBatch">The line ends in a space: the journal's mark for "more lines of this batch follow".</param>
/// <param name="StartOffset">Byte offset of the line's start.</param>
/// <param name="EndOffset">Byte offset just past the line (and its terminator).</param>
internal readonly record struct RawLine(long Number, ReadOnlyMemory<byte> Content, bool Terminated, bool ContinuesBatch, long StartOffset, long EndOffset)
{
    public bool IsBlank => Content.Span.Trim(" \t\r"u8).IsEmpty;
}
