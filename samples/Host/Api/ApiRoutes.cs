namespace ReasoningGraph.Host.Api;

/// <summary>The <c>/reason/*</c> API (INTEROP §6 plus batch writes, annotations, explain, query, snapshots, export and the verifiable log).</summary>
internal static class ApiRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        NodeEndpoints.Map(routes);
        EdgeEndpoints.Map(routes);
        AnnotationEndpoints.Map(routes);
        TraceEndpoints.Map(routes);
        ExplainEndpoints.Map(routes);
        QueryEndpoints.Map(routes);
        SnapshotEndpoints.Map(routes);
        ExportEndpoints.Map(routes);
        LogEndpoints.Map(routes);
    }
}
