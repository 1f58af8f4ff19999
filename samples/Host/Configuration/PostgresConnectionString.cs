using Npgsql;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// A database given as a <c>postgres://</c> URL or an Npgsql connection string, as the service (<c>DATABASE_URL</c>)
/// and the command line (<c>--database-url</c>) accept it. The problem does not name the setting: each caller puts its
/// own name in front.
/// </summary>
internal static class PostgresConnectionString
{
    /// <summary>Converts <paramref name="url"/>; on failure <paramref name="problem"/> completes "&lt;setting&gt; …".</summary>
    public static bool TryConvert(string url, out string connectionString, out string problem)
    {
        (connectionString, problem) = ("", "");
        if (!url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                connectionString = new NpgsqlConnectionStringBuilder(url).ConnectionString;
                return true;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                problem = $"is neither a postgres:// URL nor a connection string: {e.Message}";
                return false;
            }
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            problem = "is not a valid postgres:// URL.";
            return false;
        }

        connectionString = FromUrl(uri);
        return true;
    }

    private static string FromUrl(Uri uri)
    {
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
