using System.Text.RegularExpressions;
using ReasoningGraph.Deploy.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

/// <summary>
/// What every container runs is a real <c>reasoning-graph</c> command with real options: the built CLI's
/// <c>&lt;command&gt; --help</c> exits 0, describes that command (an unknown one would print the top-level help, also
/// with exit 0), and lists every option the manifest passes.
/// </summary>
public sealed partial class CommandTests
{
    public static TheoryData<string> Workloads() => [.. Manifests.Containers().Select(c => $"{c.Owner}/{c.Container.Name}")];

    [Fact]
    public void TheCronJobs_RunTheTwoExports()
    {
        Assert.Equal(
            ["export", "export-snapshots"],
            Manifests.OfKind<k8s.Models.V1CronJob>().Select(c => Assert.Single(c.Spec.JobTemplate.Spec.Template.Spec.Containers).Args[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void TheContainersCommand_IsARealSubcommandWithRealOptions(string workload)
    {
        var container = Manifests.Containers().Single(c => $"{c.Owner}/{c.Container.Name}" == workload).Container;
        Assert.Null(container.Command); // the image's entrypoint is reasoning-graph
        string command = Assert.IsType<string>(container.Args?.FirstOrDefault());
        var help = HostCli.Run([command, "--help"]);
        Assert.True(help.ExitCode == 0, $"reasoning-graph {command} --help exited {help.ExitCode}: {help.StandardError}");
        Assert.Contains($"reasoning-graph {command} [options]", help.StandardOutput, StringComparison.Ordinal);
        foreach (string option in container.Args!.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.Matches(OptionLine(option), help.StandardOutput);
        }
    }

    [Fact]
    public void AnUnknownSubcommand_FailsTheCheck()
    {
        var help = HostCli.Run(["export-everything", "--help"]);
        Assert.DoesNotContain("reasoning-graph export-everything [options]", help.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(OptionLine("--out"), HostCli.Run(["export-snapshots", "--help"]).StandardOutput);
    }

    private static Regex OptionLine(string option) => new($@"^\s+(-\w, )?{Regex.Escape(option)}\b", RegexOptions.Multiline);
}
