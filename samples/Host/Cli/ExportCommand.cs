using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Interchange;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>export --database-url URL [--schema S] [--graph-id G] --out FILE</c>: writes the graph as interchange JSONL in
/// seq order, as of the graph's max seq when the export starts (one consistent snapshot), so that <c>import</c> of the
/// file into an empty graph reproduces it. Prints <c>{"items","maxSeq"}</c>. The file appears only when complete.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The JSONL file to write (replaced when it exists).", HelpName = "FILE", Required = true };
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var quiet = CliProgress.QuietOption();
        var command = new Command("export", "Export the PostgreSQL store's graph as interchange JSONL, in seq order.")
        {
            database.Url, database.Schema, database.GraphId, output, quiet,
        };
        command.SetAction((parse, cancellationToken) => BatchPush.RunAsync("export", () => GraphCommands.RunAsync(async () =>
        {
            string path = Path.GetFullPath(parse.GetValue(output)!);
            await using var source = await DatabaseStore.OpenAsync(database.ToStoreOptions(parse)!, withSigner: false);
            long maxSeq = await source.Store.GetMaxSeqAsync(cancellationToken);

            // Written beside the target and renamed at the end: a failed export never leaves a truncated file behind.
            string partial = path + ".partial-" + Environment.ProcessId;
            long items;
            try
            {
                await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    using var progress = CliProgress.Start("export", parse.GetValue(quiet), total: maxSeq); // seq is gap-free: items read of maxSeq
                    items = await GraphInterchange.WriteAsync(progress.Count(source.Store.ReadAllAsync(0, maxSeq, cancellationToken), cancellationToken), file, cancellationToken);
                }

                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            await GraphCommands.WriteJsonAsync(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("items", items);
                writer.WriteNumber("maxSeq", maxSeq);
                writer.WriteEndObject();
            }, cancellationToken);
        })));
        return command;
    }
}
