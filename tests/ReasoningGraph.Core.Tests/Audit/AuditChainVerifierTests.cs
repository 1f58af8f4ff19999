using System.Text;
using ReasoningGraph.Audit;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Audit;

public sealed class AuditChainVerifierTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);
    private static readonly HmacDigestSigner Signer = new("k1");

    private static async Task<List<AuditEvent>> ChainAsync(int length)
    {
        var events = new List<AuditEvent>();
        var head = AuditChainHead.Empty;
        for (int i = 0; i < length; i++)
        {
            var e = await AuditChain.CreateEventAsync(AuditEventTypes.NodeCreated, Id(i), "ab", "agent", head, Now, Signer);
            events.Add(e);
            head = AuditChainHead.After(e);
        }

        return events;
    }

    private static AuditEvent With(AuditEvent e, string? hash = null, string? prev = null, string? signature = null, string? signer = null,
        DateTimeOffset? createdAt = null, string? payload = null, string? type = null) => new()
    {
        Id = e.Id, EventType = type ?? e.EventType, Payload = payload is null ? e.Payload : Encoding.UTF8.GetBytes(payload),
        Hash = hash ?? e.Hash, PrevHash = prev ?? e.PrevHash, Signature = signature ?? e.Signature, SignerId = signer ?? e.SignerId,
        CreatedAt = createdAt ?? e.CreatedAt,
    };

    [Fact]
    public async Task ValidChain_Verifies()
    {
        var events = await ChainAsync(5);
        var result = new AuditChainVerifier(Signer).Verify(events);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(5, result.VerifiedCount);
        Assert.Equal(events[^1].Hash, result.LastHash);
        Assert.True(new AuditChainVerifier(Signer).Verify([]).IsValid);
    }

    [Fact]
    public async Task StoredPayloadWithOtherKeyOrderAndWhitespace_StillVerifies_ButAnExtraMemberDoesNot()
    {
        var events = await ChainAsync(2);
        using var document = System.Text.Json.JsonDocument.Parse(events[0].Payload);
        var reversed = "{ " + string.Join(" ,\n ", document.RootElement.EnumerateObject().Reverse().Select(p => p.ToString())) + " }";
        Assert.True(new AuditChainVerifier(Signer).Verify([With(events[0], payload: reversed), events[1]]).IsValid);
        var extended = reversed.Replace("{ ", "{ \"zz\": 1, ", StringComparison.Ordinal);
        var result = new AuditChainVerifier(Signer).Verify([With(events[0], payload: extended), events[1]]);
        Assert.Equal(AuditChainFailures.HashMismatch, result.FailureReason);
        Assert.Equal(0, result.FailedIndex);
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "hash", AuditChainFailures.HashMismatch },
        { "prev", AuditChainFailures.BrokenLink },
        { "signature", AuditChainFailures.BadSignature },
        { "signer", AuditChainFailures.UnknownSigner },
        { "time", AuditChainFailures.TimeNotIncreasing },
        { "payload", AuditChainFailures.HashMismatch },
        { "type", AuditChainFailures.InvalidPayload },
        { "garbage", AuditChainFailures.InvalidPayload },
        { "drop", AuditChainFailures.BrokenLink },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task TamperedEvent_IsReportedAsTheFirstBadEvent(string tamper, string reason)
    {
        var events = await ChainAsync(6);
        var e = events[3];
        var other = events[1];
        AuditEvent? bad = tamper switch
        {
            "hash" => With(e, hash: other.Hash),
            "prev" => With(e, prev: other.Hash),
            "signature" => With(e, signature: other.Signature),
            "signer" => With(e, signer: "k2"),
            "time" => With(e, createdAt: events[2].CreatedAt),
            "payload" => With(e, payload: Encoding.UTF8.GetString(e.Payload.Span).Replace("agent", "agent2", StringComparison.Ordinal)),
            "type" => With(e, type: AuditEventTypes.EdgeCreated),
            "garbage" => With(e, payload: "{\"a\":"),
            _ => null,
        };
        if (bad is null)
        {
            events.RemoveAt(3);
        }
        else
        {
            events[3] = bad;
        }

        var result = new AuditChainVerifier(Signer).Verify(events);
        Assert.False(result.IsValid);
        Assert.Equal(reason, result.FailureReason);
        Assert.Equal(3, result.FailedIndex);
        Assert.Equal(3, result.VerifiedCount);
        Assert.Equal(events[3].Id, result.FailedEventId);
        Assert.Equal(events[2].Hash, result.LastHash);
    }

    [Fact]
    public async Task FirstEventWithAPrevHash_IsABrokenLink()
    {
        var events = await ChainAsync(2);
        var result = new AuditChainVerifier(Signer).Verify(events.Skip(1));
        Assert.Equal(AuditChainFailures.BrokenLink, result.FailureReason);
        Assert.Equal(0, result.FailedIndex);
    }

    [Fact]
    public async Task VerifyAsync_AgreesWithVerify()
    {
        var events = await ChainAsync(4);
        events[2] = With(events[2], signer: "nobody");
        var result = await new AuditChainVerifier(Signer).VerifyAsync(events.ToAsyncEnumerable());
        Assert.Equal(AuditChainFailures.UnknownSigner, result.FailureReason);
        Assert.Equal(2, result.FailedIndex);
    }
}
