using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>Counts the commands (round trips) Npgsql executes on this async flow, through its "Npgsql" activity source.</summary>
public sealed class CommandCounter : IDisposable
{
    private static readonly AsyncLocal<CommandCounter?> Current = new();
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _commands = new();

    public CommandCounter()
    {
        Current.Value = this;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (Current.Value == this && activity.OperationName != "connect" && !activity.DisplayName.Contains("open", StringComparison.OrdinalIgnoreCase))
                {
                    _commands.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Dispose()
    {
        Current.Value = null;
        _listener.Dispose();
    }
}
