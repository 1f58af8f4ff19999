using Microsoft.Extensions.Options;

namespace ReasoningGraph.Host.Serving;

/// <summary>Boolean settings from the environment. A value that is neither true nor false is refused: a typo must not silently turn a guard off.</summary>
internal static class ConfigurationFlags
{
    public static bool Read(IConfiguration configuration, string name) => Text(configuration, name)?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new OptionsValidationException(name, typeof(bool), [$"{name} must be true or false, not '{configuration[name]}'."]),
    };

    public static string? Text(IConfiguration configuration, string name) =>
        string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();
}
