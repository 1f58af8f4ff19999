using ReasoningGraph.Storage;

namespace ReasoningGraph.Tests.Support;

/// <summary>
/// A store without its <see cref="IClosureGraphStore"/> capability, so walks over it fetch one frontier per level: the
/// per-level path beside the closure fetch, in the PostgreSQL walk tests and benchmarks alike.
/// </summary>
internal sealed class LevelByLevelStore(IReasoningGraphStore inner) : ForwardingStore(inner);
