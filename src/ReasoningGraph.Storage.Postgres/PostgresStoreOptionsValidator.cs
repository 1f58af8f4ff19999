using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>Checks <see cref="PostgresStoreOptions"/>; every problem is reported at once.</summary>
public sealed partial class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        var problems = Check(options, requireConnectionString: true);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Throws when the options are invalid, naming every problem.</summary>
    /// <param name="options">The options.</param>
    /// <param name="requireConnectionString">Whether a connection string is needed (no data source was given).</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static void ThrowIfInvalid(PostgresStoreOptions options, bool requireConnectionString)
    {
        var problems = Check(options, requireConnectionString);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(string.Empty, typeof(PostgresStoreOptions), problems);
        }
    }

    /// <summary>Every problem of <paramref name="options"/>; empty when they are valid.</summary>
    internal static List<string> Check(PostgresStoreOptions options, bool requireConnectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }

        Require(!requireConnectionString || !string.IsNullOrWhiteSpace(options.ConnectionString), "ConnectionString is required.");
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && Internal.PostgresDataSource.Problem(options) is { } problem)
        {
            problems.Add("ConnectionString is not usable: " + problem);
        }

        if (options.ReadConnectionString is not null && Internal.PostgresDataSource.Problem(options, options.ReadConnectionString) is { } readProblem)
        {
            problems.Add("ReadConnectionString is not usable: " + readProblem);
        }

        Require(options.Schema is not null && Identifier().IsMatch(options.Schema),
            "Schema must be a lowercase identifier (letters, digits, underscores; at most 63 characters; not starting with a digit or pg_).");
        Require(!string.IsNullOrEmpty(options.GraphId) && options.GraphId.Length <= 200 && !options.GraphId.Contains('\0', StringComparison.Ordinal),
            "GraphId must be 1 to 200 characters without NUL.");
        Require(options.ConnectTimeout >= TimeSpan.FromSeconds(1) && options.ConnectTimeout <= TimeSpan.FromSeconds(1024),
            "ConnectTimeout must be between 1 and 1024 seconds.");
        Require(options.CommandTimeout >= TimeSpan.FromSeconds(1) && options.CommandTimeout <= TimeSpan.FromHours(1),
            "CommandTimeout must be between 1 second and 1 hour.");
        Require(!string.IsNullOrWhiteSpace(options.SystemActor) && !options.SystemActor.Contains('\0', StringComparison.Ordinal),
            "SystemActor must not be blank.");
        Require(options.ImportChunkSize is >= 1 and <= 1_000_000, "ImportChunkSize must be between 1 and 1000000.");
        Require(options.MaxWriteRetries is >= 0 and <= 100, "MaxWriteRetries must be between 0 and 100.");
        Require(options.GroupCommitMaxItems is >= 0 and <= 10_000, "GroupCommitMaxItems must be between 0 and 10000.");
        Require(Enum.IsDefined(options.AuditSigning), "AuditSigning must be Deferred or Inline.");
        Require(options.InlineSigningBudget >= TimeSpan.FromMilliseconds(1) && options.InlineSigningBudget <= TimeSpan.FromMinutes(1),
            "InlineSigningBudget must be between 1 millisecond and 60 seconds.");
        return problems;
    }

    [GeneratedRegex("^(?!pg_)[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
