namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>What one run of the CLI produced.</summary>
internal sealed record CliResult(int ExitCode, byte[] StandardOutput, string StandardError);
