namespace ReasoningGraph.Host.Tests.Ha;

/// <summary>
/// The drills of every class here share the one Patroni pair of scripts/ha.sh: they run one after the other, never
/// beside each other (a switchover while another drill has the standby down is refused, and each drill's timings
/// assume the pair is its own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedHaCluster
{
    public const string Name = "Patroni pair";
}
