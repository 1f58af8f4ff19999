using System.CommandLine;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Cli;

/// <summary><c>causal-trace (--graph FILE | --database-url URL [--schema S] [--graph-id G]) --root ID</c>: the ordered causal trace of a node as JSON.</summary>
internal static class CausalTraceCommand
{
    public static Command Create()
    {
        var graph = GraphSource.GraphOption();
        var database = new DatabaseOptions();
        var root = new Option<string>("--root") { Description = "The node whose history is traced.", Required = true, HelpName = "ID" };
        var command = new Command("causal-trace", "Print everything that led to a node as one ordered path (JSON).") { graph, database.Url, database.Schema, database.GraphId, root };
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            var id = GraphCommands.ParseId(parse.GetValue(root), "--root");
            await using var source = await GraphSource.OpenAsync(parse.GetValue(graph), cancellationToken, database.ToStoreOptions(parse));
            var trace = await source.Graph.GetCausalTraceAsync(id, cancellationToken);
            await GraphCommands.WriteJsonAsync(trace, ResultJson.CausalTrace, cancellationToken);
        }));
        return command;
    }
}
