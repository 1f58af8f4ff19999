using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Audit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Model;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Payload_IsCanonicalWithSortedAsciiKeysAndStringValuesOnly()
    {
        var payload = AuditChain.CreatePayload(AuditEventTypes.NodeCreated, Id(1), "ab", "agent:<x>", Now.AddTicks(1234560));
        Assert.Equal(
            "{\"actor\":\"agent:<x>\",\"entityHash\":\"ab\",\"entityId\":\"00000000-0000-7000-8000-000000000001\",\"eventType\":\"reason.node.created\",\"ts\":\"2025-11-17T12:00:00.123456Z\"}",
            Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task ItemEvent_InsideAW3CActivity_CarriesItsTraceId_AndOutsideOneDoesNot()
    {
        var node = Node(Id(1)).ToItem(1, Now);
        var outside = await AuditChain.CreateItemEventAsync(node, "kernel", AuditChainHead.Empty, Now, new HmacDigestSigner("k1"));
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C)
            .SetParentId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").Start();
        var inside = await AuditChain.CreateItemEventAsync(node, "kernel", AuditChainHead.Empty, Now, new HmacDigestSigner("k1"));

        Assert.DoesNotContain("traceId", Encoding.UTF8.GetString(outside.Payload.Span), StringComparison.Ordinal);
        Assert.Contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"ts\"", Encoding.UTF8.GetString(inside.Payload.Span), StringComparison.Ordinal);
        Assert.Equal(CanonicalJson.Canonicalize(inside.Payload.Span), inside.Payload.ToArray());
    }

    [Fact]
    public void Hash_IsSha256OfPayloadFollowedByTheDecodedPreviousHash()
    {
        var payload = "{\"a\":\"b\"}"u8.ToArray();
        var prev = Convert.ToHexStringLower(SHA256.HashData("x"u8));
        Assert.Equal(SHA256.HashData(payload), AuditChain.ComputeHash(payload, null));
        Assert.Equal(SHA256.HashData([.. payload, .. Convert.FromHexString(prev)]), AuditChain.ComputeHash(payload, prev));
    }

    [Fact]
    public void NextTimestamp_IsStrictlyIncreasingEvenWhenTheClockStandsStillOrGoesBack()
    {
        var first = AuditChain.NextTimestamp(Now.AddTicks(5), null);
        Assert.Equal(Now, first);
        Assert.Equal(Now.AddTicks(10), AuditChain.NextTimestamp(Now, first));
        Assert.Equal(Now.AddTicks(10), AuditChain.NextTimestamp(Now.AddHours(-1), first));
        Assert.Equal(Now.AddSeconds(1), AuditChain.NextTimestamp(Now.AddSeconds(1), first));
    }

    [Fact]
    public async Task ItemEvent_LinksToTheHeadAndHashesTheItemsCanonicalBytes()
    {
        var signer = new HmacDigestSigner("k1");
        var node = Node(Id(1)).ToItem(1, Now);
        var first = await AuditChain.CreateItemEventAsync(node, "agent:test", AuditChainHead.Empty, Now, signer);
        var second = await AuditChain.CreateItemEventAsync(node, "agent:test", AuditChainHead.After(first), Now, signer);
        Assert.Null(first.PrevHash);
        Assert.Equal(first.Hash, second.PrevHash);
        Assert.True(second.CreatedAt > first.CreatedAt);
        Assert.Contains($"\"entityHash\":\"{Convert.ToHexStringLower(SHA256.HashData(GraphJson.ToCanonicalBytes(node)))}\"", Encoding.UTF8.GetString(first.Payload.Span));
        Assert.Equal("k1", first.SignerId);
    }

    [Fact]
    public async Task SignerFailure_IsASigningFailure()
    {
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(async () =>
            await AuditChain.CreateEventAsync(AuditEventTypes.NodeCreated, Id(1), "00", "a", AuditChainHead.Empty, Now, new FailingSigner()));
        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
    }

    private sealed class FailingSigner : ReasoningGraph.Signing.IDigestSigner
    {
        public string SignerId => "broken";

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            throw new CryptographicException("HSM offline");
    }
}
