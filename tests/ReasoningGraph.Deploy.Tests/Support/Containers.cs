using k8s.Models;

namespace ReasoningGraph.Deploy.Tests.Support;

/// <summary>What a container's environment says, as Kubernetes resolves it: <c>env</c> over <c>envFrom</c> ConfigMaps.</summary>
internal static class Containers
{
    /// <summary>The literal value of a variable (set in <c>env</c> or in a ConfigMap taken whole), or null.</summary>
    public static string? Value(V1Container container, string name)
    {
        if (container.Env?.LastOrDefault(e => e.Name == name) is { } variable)
        {
            return variable.Value ?? (variable.ValueFrom?.ConfigMapKeyRef is { } key ? ConfigMapValue(key.Name, key.Key) : null);
        }

        return (container.EnvFrom ?? []).Where(s => s.ConfigMapRef is not null)
            .Select(s => name.StartsWith(s.Prefix ?? "", StringComparison.Ordinal) ? ConfigMapValue(s.ConfigMapRef.Name, name[(s.Prefix ?? "").Length..]) : null)
            .LastOrDefault(v => v is not null);
    }

    /// <summary>The Secret reference of a variable set from a Secret key, or null.</summary>
    public static V1SecretKeySelector? SecretKey(V1Container container, string name) =>
        container.Env?.LastOrDefault(e => e.Name == name)?.ValueFrom?.SecretKeyRef;

    private static string? ConfigMapValue(string configMap, string key) =>
        Manifests.OfKind<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == configMap)?.Data?.TryGetValue(key, out string? value) == true ? value : null;
}
