using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>import --graph FILE --database-url URL [--schema S] [--graph-id G]</c>: loads an interchange JSONL file into the
/// PostgreSQL store with binary COPY, in one transaction (a bad line changes nothing); prints
/// <c>{"created","replayed","maxSeq"}</c>. Every line needs its <c>id</c>, so running the same import twice is a
/// no-op. Items are signed into the audit chain by the signer of <see cref="DatabaseStore"/>.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var graph = new Option<string>("--graph")
        {
            Description = "The interchange JSONL file to import (an edge or annotation may reference earlier lines or stored items).",
            HelpName = "FILE",
            Required = true,
        };
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var quiet = CliProgress.QuietOption();
        var command = new Command("import", "Import an interchange JSONL file into the PostgreSQL store: all of it, with audit events, or nothing.")
        {
            graph, database.Url, database.Schema, database.GraphId, quiet,
        };
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            await using var source = await DatabaseStore.OpenAsync(database.ToStoreOptions(parse)!, withSigner: true);
            var result = await ImportFileAsync(parse.GetValue(graph)!, source.Store.ImportAsync, parse.GetValue(quiet), cancellationToken);
            await GraphCommands.WriteJsonAsync(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("created", result.Created);
                writer.WriteNumber("replayed", result.Replayed);
                writer.WriteNumber("maxSeq", result.MaxSeq);
                writer.WriteEndObject();
            }, cancellationToken);
        }));
        return command;
    }

    /// <summary>
    /// Imports a file with <paramref name="import"/>, with its progress on stderr unless <paramref name="quiet"/> (the share
    /// of the file read); a bad line is reported as <c>FILE: line N: CODE: …</c> (a usage error).
    /// </summary>
    internal static async Task<ImportResult> ImportFileAsync(
        string path, Func<IAsyncEnumerable<GraphItemInput>, CancellationToken, Task<ImportResult>> import, bool quiet, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var lines = new List<long>();
        using var progress = CliProgress.Start("import", quiet, () => file.Length > 0 ? (double)file.Position / file.Length : null);
        try
        {
            return await import(progress.Count(ReadAsync(file, lines, cancellationToken), cancellationToken), cancellationToken);
        }
        catch (ReasoningGraphException e) when (LineOf(e, lines) is { } line)
        {
            string message = e.Message.StartsWith($"line {line}: ", StringComparison.Ordinal) ? e.Message[$"line {line}: ".Length..] : e.Message;
            throw new UsageException($"{path}: line {line}: {e.ErrorCode}: {message}");
        }
    }

    /// <summary>The file's inputs, recording the line number of each (the store's errors name the input's index).</summary>
    private static async IAsyncEnumerable<GraphItemInput> ReadAsync(Stream file, List<long> lines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in GraphInterchange.ReadAsync(file, cancellationToken))
        {
            if (line.Input.Id is null)
            {
                throw new ReasoningGraphException(ErrorCodes.InvalidPayload, "An imported item needs its \"id\" (so that importing twice changes nothing).")
                {
                    Details = new Dictionary<string, string> { ["field"] = "id", ["line"] = line.LineNumber.ToString(CultureInfo.InvariantCulture) },
                };
            }

            lines.Add(line.LineNumber);
            yield return line.Input;
        }
    }

    /// <summary>The file line an error is about: its <c>line</c> detail (parse errors), or the line of its input <c>index</c>.</summary>
    private static long? LineOf(ReasoningGraphException e, List<long> lines)
    {
        if (e.Details.TryGetValue("line", out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out long line))
        {
            return line;
        }

        return e.Details.TryGetValue("index", out text) && long.TryParse(text, CultureInfo.InvariantCulture, out long index) && index >= 0 && index < lines.Count
            ? lines[(int)index]
            : null;
    }
}
