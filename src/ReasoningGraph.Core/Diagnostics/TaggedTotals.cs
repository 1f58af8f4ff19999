using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ReasoningGraph.Diagnostics;

/// <summary>
/// A total counted by the values of one tag, exported from the moment it is created with every known value at 0: an
/// alert on a total (for example "canonicalization failures &gt; 0") needs the series before the first increment, and a
/// plain <see cref="Counter{T}"/> has none until then. Values outside the known ones are counted too.
/// </summary>
internal sealed class TaggedTotals
{
    private readonly string _tag;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public TaggedTotals(string name, string description, string tag, IEnumerable<string> knownValues)
    {
        _tag = tag;
        foreach (string value in knownValues)
        {
            _counts[value] = 0;
        }

        ReasoningGraphDiagnostics.Meter.CreateObservableCounter(name, Observe, description: description);
    }

    public void Add(string value) => _counts.AddOrUpdate(value, 1, static (_, count) => count + 1);

    private IEnumerable<Measurement<long>> Observe() =>
        _counts.Select(entry => new Measurement<long>(entry.Value, new KeyValuePair<string, object?>(_tag, entry.Key)));
}
