using System.CommandLine;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary>The options that choose a PostgreSQL database: <c>--database-url</c>, <c>--schema</c>, <c>--graph-id</c>.</summary>
internal sealed class DatabaseOptions
{
    public Option<string?> Url { get; } = new("--database-url")
    {
        Description = "The PostgreSQL database: postgres://user:password@host:port/database or an Npgsql connection string (Host=…;Database=…).",
        HelpName = "URL",
    };

    public Option<string> Schema { get; } = new("--schema")
    {
        Description = "The schema holding the tables.", DefaultValueFactory = _ => "public", HelpName = "NAME",
    };

    public Option<string> GraphId { get; } = new("--graph-id")
    {
        Description = "The graph within the database.", DefaultValueFactory = _ => "default", HelpName = "ID",
    };

    public IEnumerable<Option> All => [Url, Schema, GraphId];

    /// <summary>The store options for the parsed command line, or null when no <c>--database-url</c> was given.</summary>
    /// <remarks>A command without <c>--schema</c> or <c>--graph-id</c> gets the defaults.</remarks>
    public PostgresStoreOptions? ToStoreOptions(ParseResult parse) => parse.GetValue(Url) is { Length: > 0 } url
        ? new PostgresStoreOptions
        {
            ConnectionString = ToConnectionString(url),
            Schema = parse.GetValue(Schema) is { Length: > 0 } schema ? schema : "public",
            GraphId = parse.GetValue(GraphId) is { Length: > 0 } graph ? graph : "default",
        }
        : null;

    /// <summary>Accepts a <c>postgres://</c> URL or an Npgsql connection string.</summary>
    private static string ToConnectionString(string url) =>
        PostgresConnectionString.TryConvert(url, out string connectionString, out string problem)
            ? connectionString
            : throw new UsageException("--database-url " + problem);
}
