using System.CommandLine;
using System.CommandLine.Help;
using ReasoningGraph.Host.Cli;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>What <c>--help</c> prints for every command and option.</summary>
public sealed class HelpTextTests
{
    /// <summary>
    /// Help prints an option's default itself (<c>[default: x]</c>); a description that says it too printed every
    /// default twice.
    /// </summary>
    [Fact]
    public void NoOptionWithADefault_SaysItsDefaultInItsDescriptionToo()
    {
        var twice = Commands(CommandLineApp.CreateRoot())
            .SelectMany(command => command.Options.Select(option => (command, option)))
            .Where(pair => pair.option.HasDefaultValue
                           && (pair.option.Description ?? "").Contains("default", StringComparison.OrdinalIgnoreCase))
            .Select(pair => $"{pair.command.Name} {pair.option.Name}: {pair.option.Description}")
            .Distinct()
            .ToList();
        Assert.True(twice.Count == 0, string.Join("\n", twice));
    }

    [Fact]
    public void EveryCommandAndOption_HasADescription()
    {
        var bare = Commands(CommandLineApp.CreateRoot())
            .SelectMany(command => command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description) && o is not HelpOption && o is not VersionOption)
                .Select(o => $"{command.Name} {o.Name}")
                .Prepend(string.IsNullOrWhiteSpace(command.Description) ? command.Name : null))
            .OfType<string>()
            .ToList();
        Assert.True(bare.Count == 0, string.Join("\n", bare));
    }

    private static IEnumerable<Command> Commands(Command command) =>
        command.Subcommands.SelectMany(Commands).Prepend(command);
}
