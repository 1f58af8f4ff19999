using Microsoft.Extensions.Options;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Redaction;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// One refusal listing every problem of a configuration: those found reading the settings and those the library's
/// options validation finds, which may arrive as one <see cref="OptionsValidationException"/> or, when several
/// options types fail, as an <see cref="AggregateException"/> of them.
/// </summary>
internal static class StartupProblems
{
    /// <summary>The settings behind each library options type, for the failures whose words do not name them.</summary>
    private static readonly Dictionary<Type, (string Label, string[] Marks)> Settings = new()
    {
        [typeof(PiiRedactionOptions)] = ("PII_CATALOG_FILE, PII_SALT, PII_SALT_ID", ["PII_"]),
        [typeof(S3ArchiveOptions)] = ("S3_*", ["S3_"]),
        [typeof(PostgresStoreOptions)] = ("DATABASE_URL, DATABASE_READ_URL, DATABASE_SCHEMA, GRAPH_ID", ["DATABASE_URL", "DATABASE_READ_URL", "DATABASE_SCHEMA", "GRAPH_ID"]),
        [typeof(SigningOptions)] = ("REQUIRE_KMS, SIGNING_KEY_PATH, SIGNER_ID, SIGNER_REGISTRY_PATH", ["REQUIRE_KMS", "SIGNING_KEY_PATH", "SIGNER_ID", "SIGNER_REGISTRY_PATH"]),
        [typeof(SigningProxyOptions)] = ("SIGNING_PROXY_*", ["SIGNING_PROXY_"]),
    };

    /// <summary>The exception that carries the list to the serve command (a problem found twice is listed once).</summary>
    public static OptionsValidationException Refusal(IEnumerable<string> problems) =>
        new("configuration", typeof(ServiceOptions), [.. problems.Distinct(StringComparer.Ordinal)]);

    /// <summary>
    /// Runs the validation of every options type registered with <c>ValidateOnStart</c>; returns its problems, each
    /// naming the settings it concerns.
    /// </summary>
    public static IReadOnlyList<string> ValidateOptions(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception e) when (Failures(e) is { } failures)
        {
            return [.. failures.Select(f => Named(f.OptionsType, f.Failure))];
        }
    }

    /// <summary>The problems an options validation failure lists, flattened; null when <paramref name="exception"/> is something else.</summary>
    public static IReadOnlyList<string>? Of(Exception exception) => Failures(exception)?.ConvertAll(f => f.Failure);

    private static List<(Type OptionsType, string Failure)>? Failures(Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException invalid:
                return [.. invalid.Failures.Select(failure => (invalid.OptionsType, failure))];
            case AggregateException aggregate:
                var lists = aggregate.InnerExceptions.Select(Failures).ToList();
                return lists.TrueForAll(list => list is not null) ? [.. lists.SelectMany(list => list!)] : null;
            default:
                return null;
        }
    }

    private static string Named(Type optionsType, string failure) =>
        Settings.TryGetValue(optionsType, out var settings) && !settings.Marks.Any(mark => failure.Contains(mark, StringComparison.Ordinal))
            ? $"{settings.Label}: {failure}"
            : failure;
}
