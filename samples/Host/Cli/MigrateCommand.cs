using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>migrate --database-url URL [--schema NAME] [--graph-id ID]</c>: applies the schema migrations; prints
/// <c>{"version","applied","otherAuditChains"}</c>, and warns on stderr when other graphs' audit chains share the
/// schema (the Kernel's <c>audit-verify</c> would read them as one broken chain).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var command = new Command("migrate", "Apply the PostgreSQL schema migrations (idempotent; safe to run from several processes at once).")
        {
            database.Url, database.Schema, database.GraphId,
        };
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            var options = database.ToStoreOptions(parse)!;
            ValidateSchema(options);
            await using var migrator = new PostgresMigrator(options);
            var result = await migrator.MigrateAsync(cancellationToken);
            await GraphCommands.WriteJsonAsync(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", result.Version);
                writer.WriteStartArray("applied");
                foreach (int version in result.Applied)
                {
                    writer.WriteNumberValue(version);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("otherAuditChains");
                foreach (string graph in result.OtherAuditChains)
                {
                    writer.WriteStringValue(graph);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }, cancellationToken);
            if (result.OtherAuditChains.Count > 0)
            {
                await Console.Error.WriteLineAsync(
                    $"warning: schema {options.Schema} also holds the audit chains of {string.Join(", ", result.OtherAuditChains)}. " +
                    $"The Kernel's audit-verify reads all of audit_events with no graph filter and will call graph {options.GraphId}'s chain broken; " +
                    "give a graph it verifies a schema of its own (--schema, DATABASE_SCHEMA).");
            }
        }));
        return command;
    }

    private static void ValidateSchema(PostgresStoreOptions options)
    {
        try
        {
            PostgresStoreOptionsValidator.ThrowIfInvalid(options, requireConnectionString: true);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            throw new UsageException(string.Join(" ", e.Failures));
        }
    }
}
