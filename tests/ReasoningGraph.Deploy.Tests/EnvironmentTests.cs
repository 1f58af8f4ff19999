using k8s.Models;
using ReasoningGraph.Deploy.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

/// <summary>Every environment variable a container gets is a setting the documentation's configuration table names.</summary>
public sealed class EnvironmentTests
{
    /// <summary>Read by the .NET runtime itself (its documented knobs), not by the host: <c>DOTNET_gcServer</c>.</summary>
    private const string RuntimePrefix = "DOTNET_";

    [Fact]
    public void EveryContainerVariable_IsInTheConfigurationTable()
    {
        var problems = new List<string>();
        foreach (var (owner, _, container) in Manifests.Containers())
        {
            foreach (var (name, source) in Variables(container, problems, owner))
            {
                if (!name.StartsWith(RuntimePrefix, StringComparison.Ordinal) && !ConfigurationTable.Documented.Contains(name))
                {
                    problems.Add($"{owner}, container {container.Name}: {name} ({source}) is not in the configuration table");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheTable_IsReadAndAMisspeltNameIsNotInIt()
    {
        var table = ConfigurationTable.Documented;
        Assert.True(table.Names.Count > 40, $"only {table.Names.Count} names read from the configuration table");
        foreach (string name in new[] { "DATABASE_URL", "STORE", "PII_CATALOG_FILE", "S3_REGION", "EXPORT_AUDITOR_TO", "AUDITOR_S3_RETENTION_DAYS", "OTEL_EXPORTER_OTLP_HEADERS" })
        {
            Assert.True(table.Contains(name), name);
        }

        Assert.False(table.Contains("DATABSE_URL"));
        Assert.False(table.Contains("PII_CATALOG"));
        Assert.False(table.Contains("INVALID_PAYLOAD"));
    }

    /// <summary>
    /// A container's names: its <c>env</c> entries and the keys of the ConfigMaps it takes whole (<c>envFrom</c>), which
    /// must be in the rendering. A Secret taken whole hides its names, so it is a problem: list its keys in <c>env</c>.
    /// </summary>
    internal static IEnumerable<(string Name, string Source)> Variables(V1Container container, List<string> problems, string owner)
    {
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.SecretRef is not null)
            {
                problems.Add($"{owner}, container {container.Name}: envFrom Secret {source.SecretRef.Name} hides its names; name each key in env");
            }
            else if (source.ConfigMapRef is not null
                && Manifests.OfKind<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == source.ConfigMapRef.Name) is { } configMap)
            {
                foreach (string key in configMap.Data?.Keys ?? [])
                {
                    yield return ((source.Prefix ?? "") + key, "ConfigMap " + configMap.Metadata.Name);
                }
            }
            else
            {
                problems.Add($"{owner}, container {container.Name}: envFrom ConfigMap {source.ConfigMapRef?.Name} is not in the manifests");
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            yield return (variable.Name, "env");
        }
    }
}
