using System.CommandLine;
using Npgsql;
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
        Description = "The schema holding the tables (default: public).", DefaultValueFactory = _ => "public", HelpName = "NAME",
    };

    public Option<string> GraphId { get; } = new("--graph-id")
    {
        Description = "The graph within the database (default: default).", DefaultValueFactory = _ => "default", HelpName = "ID",
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
    public static string ToConnectionString(string url)
    {
        if (!url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(url).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--database-url is neither a postgres:// URL nor a connection string: {e.Message}");
            }
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException("--database-url is not a valid postgres:// URL.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0] == "sslmode" && kv.Length == 2 && Enum.TryParse<SslMode>(kv[1].Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode))
            {
                builder.SslMode = mode;
            }
        }

        return builder.ConnectionString;
    }
}
