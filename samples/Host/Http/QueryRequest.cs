namespace ReasoningGraph.Host.Http;

/// <summary>The body of <c>POST /reason/query</c>; every member optional.</summary>
internal sealed class QueryRequest
{
    public IReadOnlyList<string>? Types { get; init; }

    public IReadOnlyList<string>? Authors { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedBefore { get; init; }

    public double? MinConfidence { get; init; }

    public int? PageSize { get; init; }

    public string? Cursor { get; init; }
}
