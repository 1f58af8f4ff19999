namespace ReasoningGraph.Host.Cli;

/// <summary>Bad usage or bad input: reported on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
