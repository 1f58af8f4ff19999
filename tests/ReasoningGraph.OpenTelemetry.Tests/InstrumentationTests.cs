using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.OpenTelemetry.Tests;

/// <summary>
/// <c>AddReasoningGraphInstrumentation()</c> on a real <see cref="MeterProvider"/> and <see cref="TracerProvider"/>
/// exporting to memory: a write through the library shows as its store-write span and in its write metrics; a provider
/// built without the extension collects neither.
/// </summary>
public sealed class InstrumentationTests
{
    [Fact]
    public async Task AWrite_IsCollected_AsASpanAndAsMetrics()
    {
        List<Activity> spans = [];
        List<MetricSnapshot> metrics = []; // one snapshot per export: the provider exports once, when disposed
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddReasoningGraphInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddReasoningGraphInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await WriteOneNodeAsync();
            tracing.ForceFlush();
        }

        var write = Assert.Single(spans, s => s.OperationName == "reasoning_graph.store.write");
        Assert.Equal("ReasoningGraph", write.Source.Name);
        Assert.Equal("InMemoryGraphStore", write.GetTagItem("reasoning_graph.store"));
        Assert.Equal(1, write.GetTagItem("reasoning_graph.created"));

        Assert.Contains(metrics, m => m.Name == "reasoning_graph.write_duration_seconds" && m.MeterName == "ReasoningGraph");
        var written = Assert.Single(metrics, m => m.Name == "reasoning_graph.writes_total");
        long nodes = 0;
        foreach (var point in written.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "kind" && Equals(tag.Value, "node"))
                {
                    nodes += point.GetSumLong();
                }
            }
        }

        Assert.True(nodes >= 1, "the node written was not counted");
    }

    [Fact]
    public async Task WithoutTheExtension_NothingOfTheLibraryIsCollected()
    {
        List<Activity> spans = [];
        List<MetricSnapshot> metrics = []; // one snapshot per export: the provider exports once, when disposed
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddInMemoryExporter(metrics).Build())
        {
            await WriteOneNodeAsync();
            tracing.ForceFlush();
        }

        Assert.DoesNotContain(spans, s => s.Source.Name == "ReasoningGraph");
        Assert.DoesNotContain(metrics, m => m.MeterName == "ReasoningGraph");
    }

    private static async Task WriteOneNodeAsync()
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IReasoningGraph>().AppendNodeAsync(Items.Node());
    }
}
