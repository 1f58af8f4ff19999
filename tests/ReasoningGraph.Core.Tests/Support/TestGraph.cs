using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Tests.Support;

/// <summary>
/// A service over a fresh in-memory store with a fake clock, plus helpers to build graphs quickly. By default the
/// service sees the store through <see cref="CountingStore"/>, so walks take the generic frontier-fetch path;
/// with <c>indexed</c> it sees the in-memory store itself, so walks take its indexed path.
/// </summary>
public sealed class TestGraph
{
    public static readonly DateTimeOffset Start = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);

    public TestGraph(Action<ReasoningGraphOptions>? configure = null, ReadOnlyMemory<byte>? key = null, CountingStore? store = null, bool indexed = false)
    {
        Indexed = indexed;
        Options = new ReasoningGraphOptions { CursorKey = key ?? SharedKey };
        configure?.Invoke(Options);
        Store = store ?? new CountingStore(new InMemoryGraphStore(timeProvider: Time));
        Service = new ReasoningGraphService(Microsoft.Extensions.Options.Options.Create(Options), ServiceStore, timeProvider: Time);
    }

    public static ReadOnlyMemory<byte> SharedKey { get; } = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public FakeTimeProvider Time { get; } = new(Start);

    public ReasoningGraphOptions Options { get; }

    public CountingStore Store { get; }

    public ReasoningGraphService Service { get; }

    /// <summary>Whether the services use the in-memory store's indexed walk.</summary>
    public bool Indexed { get; }

    private IReasoningGraphStore ServiceStore => Indexed ? Store.Inner : Store;

    /// <summary>A service sharing this graph's store (a second process with the same cursor key, or another key).</summary>
    public ReasoningGraphService SecondService(ReadOnlyMemory<byte>? key = null, int cacheCapacity = 64)
    {
        var options = new ReasoningGraphOptions { CursorKey = key ?? Options.CursorKey, TraversalCacheCapacity = cacheCapacity };
        return new ReasoningGraphService(Microsoft.Extensions.Options.Options.Create(options), ServiceStore, timeProvider: Time);
    }

    /// <summary>Adds nodes named by small integers, each at <c>Start + n seconds</c> unless a time is given.</summary>
    public async Task NodesAsync(params int[] ids)
    {
        foreach (int id in ids)
        {
            await Service.ImportAsync([Items.Node(Items.Id(id), createdAt: Start.AddSeconds(id))]);
        }
    }

    /// <summary>Adds edges "a>b" between small-integer nodes; edge ids are 1000·a + b.</summary>
    public async Task EdgesAsync(params string[] edges)
    {
        foreach (var edge in edges)
        {
            var parts = edge.Split('>');
            int from = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            int to = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            await Service.ImportAsync([Items.Edge(Items.Id(from), Items.Id(to), Items.Id((1000 * from) + to), createdAt: Start.AddSeconds(100 + from))]);
        }
    }
}
