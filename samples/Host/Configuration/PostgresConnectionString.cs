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

        try
        {
            connectionString = FromUrl(url);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            problem = "is not a valid postgres:// URL: " + e.Message;
            return false;
        }
    }

    /// <summary>
    /// libpq's URL form, several hosts included: <c>postgres://user:password@host1:5432,host2:5433/database?
    /// sslmode=require&amp;target_session_attrs=read-write</c> (Npgsql's <c>Host</c> takes the same host list).
    /// </summary>
    private static string FromUrl(string url)
    {
        string rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        string query = "";
        if (rest.IndexOf('?', StringComparison.Ordinal) is int q and >= 0)
        {
            (rest, query) = (rest[..q], rest[(q + 1)..]);
        }

        string path = "";
        if (rest.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0)
        {
            (rest, path) = (rest[..slash], rest[(slash + 1)..]);
        }

        var builder = new NpgsqlConnectionStringBuilder();
        if (rest.LastIndexOf('@') is int at and >= 0)
        {
            var user = rest[..at].Split(':', 2);
            builder.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(user[1]);
            }

            rest = rest[(at + 1)..];
        }

        if (rest.Length == 0 || rest.Split(',').Any(host => host.Length == 0 || host.StartsWith(':')))
        {
            throw new FormatException("it names no host (postgres://user:password@host:port/database).");
        }

        builder.Host = Uri.UnescapeDataString(rest);
        if (path.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(path);
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (kv[0])
            {
                case "sslmode":
                    builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
                    break;
                case "target_session_attrs":
                    builder.TargetSessionAttributes = value;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new FormatException($"unknown parameter '{kv[0]}' (known: sslmode, target_session_attrs, application_name, connect_timeout).");
            }
        }

        return builder.ConnectionString;
    }
}
