using System.CommandLine;
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
        command.SetAction((parse, cancellationToken) => ServiceHost.RunAsync([.. parse.UnmatchedTokens], cancellationToken));
        return command;
    }

    public static void ConfigureAsDefault(RootCommand root) =>
        root.SetAction((parse, cancellationToken) => ServiceHost.RunAsync([.. parse.UnmatchedTokens], cancellationToken));
}
