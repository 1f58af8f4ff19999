using k8s;
using k8s.Models;
using YamlDotNet.Core;

namespace ReasoningGraph.Deploy.Tests.Support;

/// <summary>A refused manifest document: which one, and why.</summary>
internal sealed class ManifestException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The rendered objects, each read into the Kubernetes API model of its apiVersion and kind (the KubernetesClient
/// package's generated models) by its strict YAML reader: an unknown field, a duplicate key, a value of the wrong type
/// or an apiVersion/kind the API does not have is refused.
/// </summary>
internal static class Manifests
{
    private static readonly Lazy<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> Rendered = new(() => LoadAll(Kustomize.Rendered));

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> All => Rendered.Value;

    public static IEnumerable<T> OfKind<T>() => All.OfType<T>();

    public static T Named<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta> =>
        OfKind<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new InvalidOperationException($"no {typeof(T).Name} named {name} in the rendered manifests");

    /// <summary>Every pod the manifests run: the Deployment's, the Jobs' and the CronJobs'.</summary>
    public static IEnumerable<(string Owner, V1PodTemplateSpec Template)> PodTemplates() =>
        OfKind<V1Deployment>().Select(d => ($"Deployment {d.Metadata.Name}", d.Spec.Template))
            .Concat(OfKind<V1Job>().Select(j => ($"Job {j.Metadata.Name}", j.Spec.Template)))
            .Concat(OfKind<V1CronJob>().Select(c => ($"CronJob {c.Metadata.Name}", c.Spec.JobTemplate.Spec.Template)));

    public static IEnumerable<(string Owner, V1PodSpec Pod, V1Container Container)> Containers() =>
        PodTemplates().SelectMany(t => (t.Template.Spec.InitContainers ?? []).Concat(t.Template.Spec.Containers)
            .Select(c => (t.Owner, t.Template.Spec, c)));

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> LoadAll(string yaml) =>
        Documents(yaml).Select(LoadStrict).ToList();

    /// <summary>The documents of a multi-document YAML stream; empty ones (comments only) left out.</summary>
    public static IEnumerable<string> Documents(string yaml) =>
        yaml.ReplaceLineEndings("\n").Split("\n---\n")
            .Select(d => d.StartsWith("---\n", StringComparison.Ordinal) ? d[4..] : d)
            .Where(d => d.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith('#')));

    public static IKubernetesObject<V1ObjectMeta> LoadStrict(string document)
    {
        string head = string.Join(" ", document.Split('\n').Where(l => l.StartsWith("kind:", StringComparison.Ordinal) || l.StartsWith("apiVersion:", StringComparison.Ordinal)));
        try
        {
            var loaded = KubernetesYaml.LoadAllFromString(document, typeMap: null, strict: true);
            return loaded is [IKubernetesObject<V1ObjectMeta> single]
                ? single
                : throw new ManifestException($"{head}: expected one Kubernetes object, read {loaded.Count}");
        }
        catch (KeyNotFoundException e)
        {
            throw new ManifestException($"{head}: the Kubernetes API has no such apiVersion/kind ({e.Message})", e);
        }
        catch (YamlException e)
        {
            throw new ManifestException($"{head}: {e.Message}{(e.InnerException is null ? "" : " " + e.InnerException.Message)}", e);
        }
    }
}
