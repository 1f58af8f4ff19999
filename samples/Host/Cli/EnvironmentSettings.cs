using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// The service's settings as the command line sees them: the process environment only, read by the same rules as
/// <c>serve</c> reads its configuration, so one value means the same to both. A setting that cannot be used is bad input.
/// </summary>
internal static class EnvironmentSettings
{
    /// <exception cref="UsageException">A setting cannot be used; the message lists every problem after <paramref name="prefix"/>.</exception>
    public static T Read<T>(Func<SettingsReader, T> read, string prefix = "")
    {
        var settings = new SettingsReader(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        T value = read(settings);
        return settings.Problems.Count == 0 ? value : throw new UsageException(prefix + string.Join(" ", settings.Problems));
    }
}
