using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary><c>migrate --database-url URL [--schema NAME]</c>: applies the schema migrations; prints <c>{"version","applied"}</c>.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var command = new Command("migrate", "Apply the PostgreSQL schema migrations (idempotent; safe to run from several processes at once).")
        {
            database.Url, database.Schema,
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
                writer.WriteEndObject();
            }, cancellationToken);
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
