namespace ReasoningGraph.Archive;

/// <summary>The outcome of <see cref="ISnapshotArchive.ProbeAsync"/>: a verdict, not an exception.</summary>
/// <param name="IsReady">True when the archive takes write-once writes.</param>
/// <param name="Detail">What was checked, or what is wrong.</param>
public sealed record ArchiveProbeResult(bool IsReady, string Detail);
