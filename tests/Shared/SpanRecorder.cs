using System.Diagnostics;
using ReasoningGraph.Diagnostics;

namespace ReasoningGraph.Tests.Support;

/// <summary>Records every span of the library's activity source that stops while it is alive, under a parent span.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private readonly Activity _parent;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReasoningGraphDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                lock (_spans)
                {
                    _spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _parent = new Activity("test").Start();
    }

    /// <summary>The spans recorded so far under this recorder's parent span (not other tests' spans), in stop order.</summary>
    public List<Activity> Children
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans.Where(s => s.ParentSpanId == _parent.SpanId)];
            }
        }
    }

    public void Dispose()
    {
        _parent.Dispose();
        _listener.Dispose();
    }
}
