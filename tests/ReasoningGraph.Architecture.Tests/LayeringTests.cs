using System.Reflection;
using System.Text;

namespace ReasoningGraph.Architecture.Tests;

/// <summary>
/// No namespace of a package or of the host depends, directly or through others, on a namespace that depends on
/// it (a namespace and its own <c>Internal</c> child excepted), so each can be read, tested and changed from the
/// bottom up. docs/ARCHITECTURE.md draws the layers.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(ReasoningGraph.Canonicalization.CanonicalJson).Assembly,
        typeof(ReasoningGraph.Signing.SigningOptions).Assembly,
        typeof(ReasoningGraph.Storage.Postgres.PostgresStoreOptions).Assembly,
        typeof(ReasoningGraph.Archive.S3.S3ArchiveOptions).Assembly,
        Assembly.Load(new AssemblyName("reasoning-graph")), // the host: an application, its types are internal
    ];

    public static TheoryData<string> AssemblyNames() => new(Assemblies.Select(a => a.GetName().Name!));

    [Theory]
    [MemberData(nameof(AssemblyNames))]
    public void Namespaces_FormNoCycle(string assemblyName)
    {
        var graph = NamespaceGraph.Of(Assemblies.Single(a => a.GetName().Name == assemblyName).Location);
        Assert.True(graph.Layers.Count > 0, $"{assemblyName}: no types were read");

        var cycles = graph.Cycles();
        var report = new StringBuilder();
        foreach (var cycle in cycles)
        {
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"cycle among {string.Join(", ", cycle)}:");
            foreach (string line in graph.Describe(cycle))
            {
                report.AppendLine(line);
            }
        }

        Assert.True(cycles.Count == 0, $"{assemblyName} has namespace cycles:\n{report}");
    }

    [Fact]
    public void Cycles_AreFound_AndInternalFoldsIntoItsParent()
    {
        var graph = NamespaceGraph.FromEdges(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"));
        Assert.Equal(["A", "B", "C"], Assert.Single(graph.Cycles()));

        Assert.Empty(NamespaceGraph.FromEdges(("A", "B"), ("B", "C"), ("A", "C")).Cycles());
    }

    [Fact]
    public void Reader_SeesMethodBodies_AndFoldsInternal()
    {
        var graph = NamespaceGraph.Of(typeof(LayeringTests).Assembly.Location);
        const string Fixture = "ReasoningGraph.Architecture.Tests.Fixture.";

        var cycle = Assert.Single(graph.Cycles(), c => c.Any(n => n.StartsWith(Fixture, StringComparison.Ordinal)));
        Assert.Equal([Fixture + "Lower", Fixture + "Upper"], cycle);
        Assert.Contains(Fixture + "Paired", graph.Layers);
        Assert.DoesNotContain(Fixture + "Paired.Internal", graph.Layers);
    }
}
