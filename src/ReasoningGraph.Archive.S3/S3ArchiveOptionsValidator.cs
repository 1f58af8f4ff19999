using Microsoft.Extensions.Options;

namespace ReasoningGraph.Archive.S3;

/// <summary>Checks <see cref="S3ArchiveOptions"/>; every problem is reported at once.</summary>
public sealed class S3ArchiveOptionsValidator : IValidateOptions<S3ArchiveOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, S3ArchiveOptions options)
    {
        var problems = Check(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Throws when the options are invalid, naming every problem.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static void ThrowIfInvalid(S3ArchiveOptions options)
    {
        var problems = Check(options);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(string.Empty, typeof(S3ArchiveOptions), problems);
        }
    }

    private static List<string> Check(S3ArchiveOptions options)
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

        Require(!string.IsNullOrWhiteSpace(options.Bucket), "Bucket is required (S3_BUCKET).");
        Require(!string.IsNullOrWhiteSpace(options.Region), "Region is required (S3_REGION).");
        Require(options.ServiceUrl is null || options.ServiceUrl.Scheme is "http" or "https", "ServiceUrl must be an http or https URL (S3_ENDPOINT).");
        Require(string.IsNullOrEmpty(options.AccessKey) == string.IsNullOrEmpty(options.SecretKey), "AccessKey and SecretKey must be given together (S3_ACCESS_KEY, S3_SECRET).");
        Require(options.Prefix is not null && (options.Prefix.Length == 0 || (options.Prefix.EndsWith('/') && !options.Prefix.StartsWith('/'))),
            "Prefix must be empty or end with '/' (and not start with one).");
        Require(options.RetentionPeriod >= TimeSpan.FromDays(1) && options.RetentionPeriod <= TimeSpan.FromDays(36500) && options.RetentionPeriod.Ticks % TimeSpan.TicksPerDay == 0,
            "RetentionPeriod must be a whole number of days between 1 and 36500 (S3_RETENTION_DAYS).");
        Require(Enum.IsDefined(options.RetentionMode), "RetentionMode must be Compliance or Governance.");
        Require(options.RequestTimeout > TimeSpan.Zero, "RequestTimeout must be positive.");
        return problems;
    }
}
