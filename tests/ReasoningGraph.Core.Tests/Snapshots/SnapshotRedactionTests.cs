using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>Operator snapshots are built from what the redactor returns; auditor snapshots carry the stored content.</summary>
public sealed class SnapshotRedactionTests
{
    private const string Email = "jane@example.com";

    /// <summary>A stand-in for the PII redactor: replaces any node payload holding "email".</summary>
    private sealed class EmailRedactor : ISnapshotRedactor
    {
        public string PolicyVersion => "pii-v7";

        public GraphItem Redact(GraphItem item) => item is ReasoningNode node && node.Payload.TryGetProperty("email", out _)
            ? node with { Payload = Json("""{"email":"[REDACTED:EMAIL]"}""") }
            : item;
    }

    private static async Task<SnapshotFixture> FixtureAsync()
    {
        var fixture = new SnapshotFixture(redactor: new EmailRedactor());
        await fixture.Graph.Service.ImportAsync([Node(Id(1), payload: $$"""{"email":"{{Email}}"}""", createdAt: Support.TestGraph.Start)]);
        return fixture;
    }

    [Fact]
    public async Task Operator_IsBuiltFromRedactedContent()
    {
        var fixture = await FixtureAsync();
        var snapshot = await fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(1)] });
        string text = System.Text.Encoding.UTF8.GetString(snapshot.Document.Span);
        Assert.DoesNotContain(Email, text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:EMAIL]", text, StringComparison.Ordinal);
        var payload = JsonDocument.Parse(snapshot.Document).RootElement.GetProperty("payload");
        Assert.False(payload.GetProperty("pii_included").GetBoolean());
        Assert.Equal("pii-v7", payload.GetProperty("pii_policy_version").GetString());
    }

    [Fact]
    public async Task Auditor_WithExportPii_CarriesTheStoredContent()
    {
        var fixture = await FixtureAsync();
        var snapshot = await fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(1)], Audience = SnapshotAudience.Auditor, CanExportPii = true });
        var payload = JsonDocument.Parse(snapshot.Document).RootElement.GetProperty("payload");
        Assert.Equal(Email, payload.GetProperty("nodes")[0].GetProperty("payload").GetProperty("email").GetString());
        Assert.True(payload.GetProperty("pii_included").GetBoolean());
        Assert.Equal("auditor", payload.GetProperty("audience").GetString());
        Assert.Equal(SnapshotAudience.Auditor, snapshot.Audience);
    }
}
