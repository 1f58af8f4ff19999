using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// A walk's items in discovery order (see <see cref="IWalk.CollectAsync"/>), and whether the size limit cut it. When
/// asked for, <paramref name="Source"/> and <paramref name="Target"/> give by item an edge's from- and to-node as
/// item positions (-1 for a node; arrays at least <c>Items.Count</c> long): the walk knows them as integers, so a
/// caller that orders the items need not look them up again by id.
/// </summary>
internal sealed record CollectedWalk(List<GraphItem> Items, bool Truncated, int[]? Source = null, int[]? Target = null);
