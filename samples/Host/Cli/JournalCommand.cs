using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Errors;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>journal check|repair [--data-dir DIR | --journal FILE]</c>: the embedded store's journal. <c>check</c> replays it
/// without changing it and prints <c>{"path","intact","batches","items","length","committedLength","tornTailLine",
/// "tornTailReason"}</c>; <c>repair</c> cuts a torn tail (an interrupted write) back to the last complete batch, keeping
/// the damaged file beside it, and prints the same with <c>"backup"</c>. Exit 0 intact (or repaired), 1 damaged (a torn
/// tail for <c>check</c>; damage inside the journal, which no repair undoes, for both), 2 bad usage or unreadable file.
/// </summary>
internal static class JournalCommand
{
    public static Command Create()
    {
        var command = new Command("journal", "Check or repair the embedded store's journal (DATA_DIR/graph.journal).");
        command.Subcommands.Add(Create("check", "Replay the journal without changing it; exit 1 when it is torn or damaged.", repair: false));
        command.Subcommands.Add(Create("repair", "Cut a torn tail (an interrupted write) back to the last complete batch; the damaged file is kept beside it.", repair: true));
        return command;
    }

    private static Command Create(string name, string description, bool repair)
    {
        var dataDirectory = new Option<string?>("--data-dir") { Description = "The service's DATA_DIR (the journal is DATA_DIR/graph.journal); default ./data.", HelpName = "DIR" };
        var journal = new Option<string?>("--journal") { Description = "The journal file itself (instead of --data-dir).", HelpName = "FILE" };
        var command = new Command(name, description) { dataDirectory, journal };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(journal) ?? Path.Combine(parse.GetValue(dataDirectory) ?? Environment.GetEnvironmentVariable("DATA_DIR") ?? "data", StoreOptions.JournalFileName);
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"error: there is no journal at '{path}'.");
                return ExitCodes.BadInput;
            }

            JournalCheckResult result;
            try
            {
                result = repair ? InMemoryGraphStore.RepairJournal(path) : InMemoryGraphStore.CheckJournal(path);
            }
            catch (ReasoningGraphException e)
            {
                await Console.Error.WriteLineAsync(
                    $"damaged: {e.Message} Cutting the tail cannot repair this: restore the data directory from a backup, or rebuild from an export (docs/runbooks/replay-rebuild.md).");
                return ExitCodes.Negative;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            await GraphCommands.WriteJsonAsync(writer => Write(writer, result), cancellationToken);
            if (result.IsIntact)
            {
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync(repair
                ? $"repaired: cut the torn tail from line {result.TornTailLine} ({result.Length - result.CommittedLength} bytes); the damaged file is kept as {result.BackupPath}."
                : $"torn: the journal ends in an interrupted write from line {result.TornTailLine} ({result.TornTailReason}). Run: reasoning-graph journal repair --journal {path}");
            return repair ? ExitCodes.Success : ExitCodes.Negative;
        });
        return command;
    }

    private static void Write(Utf8JsonWriter writer, JournalCheckResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("path", result.Path);
        writer.WriteBoolean("intact", result.IsIntact);
        writer.WriteNumber("batches", result.Batches);
        writer.WriteNumber("items", result.Items);
        writer.WriteNumber("length", result.Length);
        writer.WriteNumber("committedLength", result.CommittedLength);
        if (result.TornTailLine is { } line)
        {
            writer.WriteNumber("tornTailLine", line);
            writer.WriteString("tornTailReason", result.TornTailReason);
        }

        if (result.BackupPath is { } backup)
        {
            writer.WriteString("backup", backup);
        }

        writer.WriteEndObject();
    }
}
