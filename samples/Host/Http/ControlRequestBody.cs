namespace ReasoningGraph.Host.Http;

/// <summary>The body of <c>PUT /admin/controls/{control}</c>.</summary>
internal sealed class ControlRequestBody
{
    public bool? Enabled { get; init; }

    public string? Reason { get; init; }
}
