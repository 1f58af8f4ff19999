using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>The member lists verifiers rely on: rebuilding the signed object in this order must give canonical bytes.</summary>
public sealed class SnapshotDocumentFieldsTests
{
    [Fact]
    public void MemberLists_AreInCanonicalOrderAndDisjoint()
    {
        Assert.Equal(SnapshotDocumentFields.SignedMembers.Order(StringComparer.Ordinal), SnapshotDocumentFields.SignedMembers);
        Assert.Equal(SnapshotDocumentFields.ProofMembers.Order(StringComparer.Ordinal), SnapshotDocumentFields.ProofMembers);
        Assert.Empty(SnapshotDocumentFields.SignedMembers.Intersect(SnapshotDocumentFields.ProofMembers));
        Assert.Equal(6, SnapshotDocumentFields.SignedMembers.Count);
        Assert.Equal(4, SnapshotDocumentFields.ProofMembers.Count);
    }
}
