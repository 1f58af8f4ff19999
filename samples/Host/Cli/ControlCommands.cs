using System.CommandLine;
using ReasoningGraph.Controls;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// The operator switches from the command line, against the database every host of the graph reads (they follow
/// within about a second): <c>signing hold --reason TEXT | release [--reason TEXT] | status</c> and
/// <c>read-only enable --reason TEXT | disable [--reason TEXT] | status</c>. Each change is recorded on the audit
/// chain, signed by the service's signer (configured from the same environment variables), actor <c>--actor</c>.
/// Prints the switches as they stand: <c>{"signingHold": {reason, actor, since, auditEventId} | null, "readOnly": …}</c>.
/// </summary>
internal static class ControlCommands
{
    public static Command Signing() => Group(
        "signing", "Hold or release snapshot signing for a graph (the canonicalization-mismatch runbook): while held, snapshots wait on_hold and nothing signs them.",
        GraphControl.SigningHold, on: "hold", off: "release");

    public static Command ReadOnly() => Group(
        "read-only", "Make a graph read-only at run time, or writable again (the Kernel-unreachable runbook): writes answer 503 READ_ONLY, reads go on.",
        GraphControl.ReadOnly, on: "enable", off: "disable");

    private static Command Group(string name, string description, GraphControl control, string on, string off) => new(name, description)
    {
        Change(on, control, enabled: true), Change(off, control, enabled: false), Status(),
    };

    private static Command Change(string name, GraphControl control, bool enabled)
    {
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var reason = new Option<string?>("--reason") { Description = "Why (recorded on the audit chain).", HelpName = "TEXT", Required = enabled };
        var actor = new Option<string>("--actor")
        {
            Description = "Who, as recorded on the audit chain.", HelpName = "NAME",
            DefaultValueFactory = _ => "operator:" + Environment.UserName,
        };
        var command = new Command(name, $"Turn {GraphControlChange.NameOf(control)} {(enabled ? "on" : "off")} for the graph.")
        {
            database.Url, database.Schema, database.GraphId, reason, actor,
        };
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            await using var store = await DatabaseStore.OpenAsync(database.ToStoreOptions(parse)!, withSigner: true);
            var state = await store.Store.SetControlAsync(control, enabled, parse.GetValue(reason) ?? "turned off", parse.GetValue(actor)!, cancellationToken);
            await WriteAsync(state, cancellationToken);
        }));
        return command;
    }

    private static Command Status()
    {
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var command = new Command("status", "Print the graph's switches.") { database.Url, database.Schema, database.GraphId };
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            await using var store = await DatabaseStore.OpenAsync(database.ToStoreOptions(parse)!, withSigner: false);
            await WriteAsync(await store.Store.GetControlsAsync(cancellationToken), cancellationToken);
        }));
        return command;
    }

    private static Task WriteAsync(GraphControlState state, CancellationToken cancellationToken) => GraphCommands.WriteJsonAsync(writer =>
    {
        writer.WriteStartObject();
        Http.ControlJson.WriteMembers(writer, state);
        writer.WriteEndObject();
    }, cancellationToken);
}
