using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>One embedded schema migration: <c>Migrations/NNNN_name.sql</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    private const string Prefix = "Migrations.";

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = resource[Prefix.Length..^".sql".Length];
            int separator = file.IndexOf('_', StringComparison.Ordinal);
            var sql = Read(assembly, resource).ReplaceLineEndings("\n");
            migrations.Add(new Migration(
                int.Parse(file.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture),
                file[(separator + 1)..],
                sql,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
