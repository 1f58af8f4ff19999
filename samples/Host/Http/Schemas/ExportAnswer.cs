namespace ReasoningGraph.Host.Http.Schemas;

/// <summary><c>GET /reason/export/{id}</c> with <c>format=json</c>: <c>{export}</c>.</summary>
internal sealed record ExportAnswer
{
    public required NodeExportDocument Export { get; init; }
}
