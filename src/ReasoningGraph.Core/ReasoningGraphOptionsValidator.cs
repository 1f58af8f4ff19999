using Microsoft.Extensions.Options;

namespace ReasoningGraph;

/// <summary>Checks <see cref="ReasoningGraphOptions"/>; every problem is reported at once.</summary>
internal sealed class ReasoningGraphOptionsValidator : IValidateOptions<ReasoningGraphOptions>
{
    public ValidateOptionsResult Validate(string? name, ReasoningGraphOptions options)
    {
        var problems = Check(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static List<string> Check(ReasoningGraphOptions options)
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

        Require(options.NodeTypes.Count > 0, "NodeTypes must not be empty.");
        Require(options.NodeTypes.All(t => !string.IsNullOrWhiteSpace(t)), "NodeTypes must not contain blank types.");
        Require(options.EdgeTypes.Count > 0, "EdgeTypes must not be empty.");
        Require(options.EdgeTypes.All(t => !string.IsNullOrWhiteSpace(t)), "EdgeTypes must not contain blank types.");
        Require(options.MaxPayloadBytes > 0, "MaxPayloadBytes must be positive.");
        Require(options.MaxTraversalDepth is > 0 and <= 10_000, "MaxTraversalDepth must be between 1 and 10000.");
        Require(options.MaxPageSize is > 0 and <= 100_000, "MaxPageSize must be between 1 and 100000.");
        Require(options.DefaultPageSize > 0 && options.DefaultPageSize <= options.MaxPageSize, "DefaultPageSize must be between 1 and MaxPageSize.");
        Require(options.MaxCausalTraceItems > 0, "MaxCausalTraceItems must be positive.");
        Require(options.CursorKey.IsEmpty || options.CursorKey.Length >= 16, "CursorKey must be empty (random key) or at least 16 bytes.");
        Require(options.TraversalCacheCapacity >= 0, "TraversalCacheCapacity must not be negative.");
        Require(options.TraversalCacheExpiry > TimeSpan.Zero, "TraversalCacheExpiry must be positive.");
        return problems;
    }
}
