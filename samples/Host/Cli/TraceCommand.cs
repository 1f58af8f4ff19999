using System.CommandLine;
using ReasoningGraph.Model;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>trace (--graph FILE | --database-url URL [--schema S] [--graph-id G]) --root ID [--direction ancestors|descendants] [--depth N] [--page-size N] [--cursor T]
/// [--order bfs|dfs] [--edge-types a,b] [--min-weight X] [--min-confidence X]</c>: one page of a walk as JSON.
/// </summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var graph = GraphSource.GraphOption();
        var database = new DatabaseOptions();
        var root = new Option<string>("--root") { Description = "The node to start from.", Required = true, HelpName = "ID" };
        var direction = new Option<string>("--direction")
        {
            Description = "Follow edges backwards (ancestors) or forwards (descendants).", DefaultValueFactory = _ => "descendants",
        }.AcceptOnlyFromAmong("ancestors", "descendants");
        var depth = new Option<int?>("--depth") { Description = "The deepest level returned (default 1).", HelpName = "N" };
        var pageSize = new Option<int?>("--page-size") { Description = "Nodes per page (default 100, at most 1000).", HelpName = "N" };
        var cursor = new Option<string?>("--cursor") { Description = "The nextCursor of the previous page.", HelpName = "T" };
        var order = new Option<string>("--order") { Description = "Breadth-first (bfs) or depth-first (dfs) order.", DefaultValueFactory = _ => "bfs" }.AcceptOnlyFromAmong("bfs", "dfs");
        var edgeTypes = new Option<string?>("--edge-types") { Description = "Follow only these edge types (comma-separated).", HelpName = "a,b" };
        var minWeight = new Option<double?>("--min-weight") { Description = "Follow only edges with weight >= X.", HelpName = "X" };
        var minConfidence = new Option<double?>("--min-confidence") { Description = "Enter only nodes with metadata.confidence >= X.", HelpName = "X" };
        var command = new Command("trace", "Print one page of a cycle-safe walk from a node as JSON.")
        {
            graph, database.Url, database.Schema, database.GraphId, root, direction, depth, pageSize, cursor, order, edgeTypes, minWeight, minConfidence,
        };
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            var start = GraphCommands.ParseId(parse.GetValue(root), "--root");
            await using var source = await GraphSource.OpenAsync(parse.GetValue(graph), cancellationToken, database.ToStoreOptions(parse));
            var page = await source.Graph.TraceAsync(
                start,
                parse.GetValue(direction) == "ancestors" ? TraversalDirection.Ancestors : TraversalDirection.Descendants,
                new TraversalOptions
                {
                    Depth = parse.GetValue(depth),
                    PageSize = parse.GetValue(pageSize),
                    Cursor = parse.GetValue(cursor),
                    Order = parse.GetValue(order) == "dfs" ? TraversalOrder.DepthFirst : TraversalOrder.BreadthFirst,
                    EdgeTypes = parse.GetValue(edgeTypes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    MinWeight = parse.GetValue(minWeight),
                    MinConfidence = parse.GetValue(minConfidence),
                },
                cancellationToken);
            await GraphCommands.WriteJsonAsync(page, ResultJson.TraversalPage, cancellationToken);
        }));
        return command;
    }
}
