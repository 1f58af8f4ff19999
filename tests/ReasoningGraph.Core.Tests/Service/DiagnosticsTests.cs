using System.Diagnostics;
using System.Diagnostics.Metrics;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Model;

namespace ReasoningGraph.Tests.Service;

[Collection(nameof(Storage.MemoryFootprintTests))]
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task Writes_AndWalks_EmitSpansAndTheTraceLatencyHistogram()
    {
        var spans = new List<string>();
        var measurements = new List<(string Instrument, double Value)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReasoningGraphDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity.OperationName); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReasoningGraphDiagnostics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => { lock (measurements) { measurements.Add((instrument.Name, value)); } });
        meters.Start();

        var graph = new TestGraph();
        await graph.NodesAsync(1, 2);
        await graph.EdgesAsync("1>2");
        await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants);
        await graph.Service.GetCausalTraceAsync(Id(2));

        Assert.Contains("reasoning_graph.store.write", spans);
        Assert.Contains("reasoning_graph.traverse", spans);
        Assert.Contains("reasoning_graph.causal_trace", spans);
        Assert.Equal(2, measurements.Count(m => m.Instrument == "reasoning_graph.trace_query_latency_seconds"));
        Assert.All(measurements, m => Assert.True(m.Value >= 0));
    }
}
