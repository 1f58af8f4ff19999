namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>deploy/monitoring/alerts.yml as Prometheus's own tool checks it, and its unit tests (alerts.test.yml).</summary>
public sealed class PromtoolTests
{
    [Fact]
    public async Task AlertRules_PassPromtoolCheck()
    {
        var (exitCode, output) = await MonitoringTools.RunAsync("promtool", ["check", "rules", MonitoringFiles.Rules]);

        Assert.True(exitCode == 0, "promtool check rules failed:\n" + output);
    }

    [Fact]
    public async Task AlertRuleUnitTests_Pass()
    {
        // From the folder: the test file names alerts.yml relative to itself, as an operator runs it.
        var (exitCode, output) = await MonitoringTools.RunAsync("promtool", ["test", "rules", "alerts.test.yml"], MonitoringFiles.Folder);

        Assert.True(exitCode == 0, "promtool test rules failed:\n" + output);
    }
}
