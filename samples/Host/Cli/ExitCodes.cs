namespace ReasoningGraph.Host.Cli;

/// <summary>Process exit codes of the command line (DESIGN.md, "Command line").</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A negative verdict: a verification failed.</summary>
    public const int Negative = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadInput = 2;
}
