using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Audit;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Audit;

/// <summary>
/// Deferred audit signatures: an event chained without its signature verifies as <em>pending</em> (its hash, link
/// and time are still checked), and signing it later changes nothing else, so the chain then verifies in full.
/// </summary>
public sealed class PendingSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly HmacDigestSigner Signer = new("k1");

    private static AuditEvent[] Linked(int count) => AuditChain.LinkItemEvents(
        [.. Enumerable.Range(0, count).Select(i => (ReasoningGraph.Model.GraphItem)new ReasoningGraph.Model.ReasoningNode
        {
            Id = Id(i), CreatedAt = Now, Seq = i + 1, Type = "observation", Author = "agent", Payload = Json("{}"),
        })],
        [.. Enumerable.Range(0, count).Select(i => Convert.ToHexStringLower(BitConverter.GetBytes(i)))],
        _ => "agent", AuditChainHead.Empty, Now, _ => null);

    [Property(MaxTest = 60)]
    public Property AnySubsetPending_VerifiesWithThatCount_AndSigningItLaterVerifiesInFull(PositiveInt size, int seed)
    {
        int count = Math.Min(size.Get, 40);
        var linked = Linked(count);
        var signed = AuditChain.SignEventsAsync(linked, Signer).GetAwaiter().GetResult();
        var random = new Random(seed);
        var pending = Enumerable.Range(0, count).Where(_ => random.Next(2) == 0).ToHashSet();
        var mixed = signed.Select((e, i) => pending.Contains(i) ? linked[i] : e).ToList();

        var partial = new AuditChainVerifier(Signer).Verify(mixed);
        var filled = AuditChain.SignEventsAsync([.. mixed.Where(e => e.IsSignaturePending)], Signer).GetAwaiter().GetResult();
        var byId = filled.ToDictionary(e => e.Id);
        var complete = new AuditChainVerifier(Signer).Verify(mixed.Select(e => byId.GetValueOrDefault(e.Id, e)));

        return (partial.IsValid
                && partial.VerifiedCount == count
                && partial.PendingSignatureCount == pending.Count
                && partial.FirstPendingEventId == (pending.Count == 0 ? null : linked[pending.Min()].Id)
                && complete.IsValid
                && complete.PendingSignatureCount == 0
                && complete.LastHash == signed[^1].Hash
                && mixed.Select(e => e.Hash).SequenceEqual(signed.Select(e => e.Hash)))
            .Label($"count {count}, pending {pending.Count}: {partial.FailureReason} {complete.FailureReason}");
    }

    [Fact]
    public async Task APendingEvent_IsStillCheckedForItsHashAndLink()
    {
        var linked = Linked(3);
        var tampered = new AuditEvent
        {
            Id = linked[1].Id, EventType = linked[1].EventType, Payload = linked[1].Payload, PrevHash = linked[1].PrevHash,
            CreatedAt = linked[1].CreatedAt, Hash = new string('0', 64),
        };
        var result = new AuditChainVerifier(Signer).Verify([linked[0], tampered, linked[2]]);
        Assert.Equal(AuditChainFailures.HashMismatch, result.FailureReason);
        Assert.Equal(1, result.FailedIndex);
        Assert.Equal(1, result.PendingSignatureCount);

        var signed = await AuditChain.SignEventsAsync(linked, Signer);
        Assert.Equal(AuditChainFailures.BrokenLink, new AuditChainVerifier(Signer).Verify([signed[0], linked[2]]).FailureReason);
    }

    [Fact]
    public async Task ASignatureWithoutSigner_OrASignerWithoutSignature_IsABadSignature()
    {
        var signed = await AuditChain.SignEventsAsync(Linked(1), Signer);
        var e = signed[0];
        AuditEvent Copy(string? signature, string? signerId) => new()
        {
            Id = e.Id, EventType = e.EventType, Payload = e.Payload, Hash = e.Hash, PrevHash = e.PrevHash, CreatedAt = e.CreatedAt,
            Signature = signature, SignerId = signerId,
        };

        Assert.Equal(AuditChainFailures.BadSignature, new AuditChainVerifier(Signer).Verify([Copy(e.Signature, null)]).FailureReason);
        Assert.Equal(AuditChainFailures.BadSignature, new AuditChainVerifier(Signer).Verify([Copy(null, e.SignerId)]).FailureReason);
        Assert.True(new AuditChainVerifier(Signer).Verify([Copy(null, null)]).IsValid);
    }
}
