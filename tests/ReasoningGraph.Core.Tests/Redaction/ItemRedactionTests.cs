using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReasoningGraph.Model;
using ReasoningGraph.Redaction;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Redaction.RedactionTestKit;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Redaction;

public sealed class ItemRedactionTests
{
    private static readonly PiiRedactor Redactor = Redactor(("$..email", "DIRECT_IDENTIFIER", null));

    [Fact]
    public async Task StoredItems_AreRedactedOnReadAndNeverAltered()
    {
        var graph = new TestGraph();
        var node = await graph.Service.AppendNodeAsync(Node(payload: """{"email":"a@b.com","n":1}""", metadata: """{"by":{"email":"c@d.com"}}"""));
        var other = await graph.Service.AppendNodeAsync(Node());
        var edge = await graph.Service.AppendEdgeAsync(Edge(node.Id, other.Id, metadata: """{"email":"e@f.com"}"""));
        var note = await graph.Service.AnnotateAsync(Note(node.Id, payload: """{"text":"ok","email":"g@h.com"}"""));

        var redactedNode = Redactor.Redact(await graph.Service.GetNodeAsync(node.Id));
        Assert.Equal("""{"email":"[REDACTED:EMAIL]","n":1}""", redactedNode.Payload.GetRawText());
        Assert.Equal("""{"by":{"email":"[REDACTED:EMAIL]"}}""", redactedNode.Metadata.GetRawText());
        Assert.Equal((node.Id, node.Seq, node.CreatedAt, node.Author), (redactedNode.Id, redactedNode.Seq, redactedNode.CreatedAt, redactedNode.Author));
        Assert.Equal("""{"email":"[REDACTED:EMAIL]"}""", Redactor.Redact(edge).Metadata.GetRawText());
        Assert.Equal("""{"text":"ok","email":"[REDACTED:EMAIL]"}""", ((ReasoningAnnotation)Redactor.Redact((GraphItem)note)).Payload.GetRawText());

        var stored = await graph.Service.GetNodeAsync(node.Id);
        Assert.Contains("a@b.com", ToJson(stored), StringComparison.Ordinal);
        Assert.Contains("c@d.com", ToJson(stored), StringComparison.Ordinal);
        Assert.Contains("e@f.com", ToJson(edge), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsWithoutCatalogedValues_AreReturnedAsTheSameInstance()
    {
        var graph = new TestGraph();
        var node = await graph.Service.AppendNodeAsync(Node(payload: """{"text":"nothing personal"}"""));
        Assert.Same(node, Redactor.Redact(node));
        Assert.Same(node, Redactor.Redact((GraphItem)node));
    }

    [Fact]
    public async Task UsePiiCatalog_RegistersARedactorFromAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pii-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"policy_version":"v7","fields":[{"json_path":"$.email","category":"DIRECT_IDENTIFIER"}]}""");
        try
        {
            var services = new ServiceCollection();
            services.AddReasoningGraph().UsePiiCatalog(path, Salt, "salt-2026");
            await using var provider = services.BuildServiceProvider();
            var redactor = provider.GetRequiredService<IPiiRedactor>();
            Assert.Equal("v7", redactor.PolicyVersion);
            Assert.Equal("""{"email":"[REDACTED:EMAIL]"}""", redactor.Redact(Json("""{"email":"x"}""")).GetRawText());

            // Operator snapshots get the same redaction, under the catalog's policy version.
            var snapshots = provider.GetRequiredService<ReasoningGraph.Snapshots.ISnapshotRedactor>();
            Assert.Equal("v7", snapshots.PolicyVersion);
            var node = (ReasoningNode)snapshots.Redact(Node(Id(1), payload: """{"email":"x"}""").ToItem(1, TestGraph.Start));
            Assert.Equal("""{"email":"[REDACTED:EMAIL]"}""", node.Payload.GetRawText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UsePiiRedaction_InvalidOptionsFailAtStartupListingEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph().UsePiiCatalog("/nonexistent/catalog.json", new byte[4], "bad:id");
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPiiRedactor>());
        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("/nonexistent/catalog.json", StringComparison.Ordinal));
    }

    [Fact]
    public void UsePiiRedaction_ABadCatalogFileFailsAtStartupNamingTheField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pii-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"policy_version":"v7","fields":[{"json_path":"$.email","category":"PERSONAL"}]}""");
        try
        {
            var services = new ServiceCollection();
            services.AddReasoningGraph().UsePiiCatalog(path, Salt, "s1");
            using var provider = services.BuildServiceProvider();
            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PiiRedactionOptions>>().Value);
            Assert.Contains("fields[0].category", Assert.Single(error.Failures), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
