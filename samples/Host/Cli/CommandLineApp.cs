using System.CommandLine;

namespace ReasoningGraph.Host.Cli;

/// <summary>The <c>reasoning-graph</c> executable: the service and the operator's and auditor's tools.</summary>
internal static class CommandLineApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = CreateRoot().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'reasoning-graph --help' for usage.");
            return ExitCodes.BadInput;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Every command; <c>serve</c> is also the root's own action.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "Reasoning Graph: records why the Kernel decided what it decided.\n" +
            "Without a command, runs the HTTP service (same as 'serve').")
        {
            ServeCommand.Create(),
            CanonicalizeCommand.Create(),
            HashCommand.Create(),
            TraceCommand.Create(),
            CausalTraceCommand.Create(),
            KeygenCommand.Create(),
            SnapshotCommand.Create(),
            VerifySnapshotCommand.Create(),
            SmokeCommand.Create(),
            AuditVerifyCommand.Create(),
            MigrateCommand.Create(),
            ImportCommand.Create(),
            ExportCommand.Create(),
            ExportSnapshotsCommand.Create(),
            RenderCommand.Create(),
            RebuildCommand.Create(),
            JournalCommand.Create(),
            LogCommand.Create(),
            VerifyInclusionCommand.Create(),
            WitnessCommand.Create(),
            ControlCommands.Signing(),
            ControlCommands.ReadOnly(),
        };
        ServeCommand.ConfigureAsDefault(root);
        return root;
    }
}
