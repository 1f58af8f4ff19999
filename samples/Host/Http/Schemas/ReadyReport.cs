namespace ReasoningGraph.Host.Http.Schemas;

/// <summary><c>GET /ready</c> (200 ready, 503 not): each check <c>ok</c>, <c>failed: …</c> or <c>not configured</c>.</summary>
internal sealed record ReadyReport
{
    public required bool Ok { get; init; }

    public required bool Ready { get; init; }

    public required string Store { get; init; }

    public required string Writes { get; init; }

    public required string Signer { get; init; }

    public required string Kernel { get; init; }

    public required string Archive { get; init; }

    public required string AuditorArchive { get; init; }
}
