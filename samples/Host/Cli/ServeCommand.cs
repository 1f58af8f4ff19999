using System.CommandLine;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Cli;

/// <summary><c>serve</c>, also what runs when no command is given.</summary>
internal static class ServeCommand
{
    private const string Description =
        "Run the HTTP service. Listens on http://127.0.0.1:8047 unless PORT or ASPNETCORE_URLS says otherwise.";

    public static Command Create()
    {
        var command = new Command("serve", Description);
        command.TreatUnmatchedTokensAsErrors = false; // ASP.NET Core reads its own --key=value arguments
        command.SetAction((parse, cancellationToken) => RunAsync([.. parse.UnmatchedTokens], Console.Error, cancellationToken));
        return command;
    }

    public static void ConfigureAsDefault(RootCommand root) =>
        root.SetAction((parse, cancellationToken) => RunAsync([.. parse.UnmatchedTokens], Console.Error, cancellationToken));

    /// <summary>Runs the service; a configuration that cannot start is refused with one line per problem, exit code 2 like any bad input.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await ServiceHost.RunAsync(args, cancellationToken);
            return ExitCodes.Success;
        }
        catch (Exception e) when (StartupProblems.Of(e) is { } problems)
        {
            await error.WriteLineAsync("error: the service cannot start with this configuration:");
            foreach (string problem in problems)
            {
                await error.WriteLineAsync("  - " + problem);
            }

            return ExitCodes.BadInput;
        }
    }
}
