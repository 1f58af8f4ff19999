using k8s.Models;
using ReasoningGraph.Deploy.Tests.Support;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

/// <summary>The rendered kustomization against the Kubernetes API's models, offline.</summary>
public sealed class SchemaTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "ReasoningGraph.Deploy.Tests", "Fixtures", name));

    [Fact]
    public void EveryRenderedObject_DeserializesStrictlyIntoItsKindsModel()
    {
        var problems = new List<string>();
        foreach (string document in Manifests.Documents(Kustomize.Rendered))
        {
            try
            {
                var value = Manifests.LoadStrict(document);
                if (string.IsNullOrEmpty(value.Metadata?.Name))
                {
                    problems.Add($"{value.Kind}: no metadata.name");
                }
                else if (value is not V1Namespace && value.Metadata.NamespaceProperty != "reasoning-graph")
                {
                    problems.Add($"{value.Kind} {value.Metadata.Name}: namespace '{value.Metadata.NamespaceProperty}', not reasoning-graph");
                }
            }
            catch (ManifestException e)
            {
                problems.Add(e.Message);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(Manifests.All.Count >= 15, $"only {Manifests.All.Count} objects rendered");
    }

    [Fact]
    public void TheRendering_HoldsEveryObjectTheRunbooksRelyOn()
    {
        Assert.Single(Manifests.OfKind<V1Deployment>());
        Assert.Single(Manifests.OfKind<V1ServiceAccount>());
        Assert.Equal(2, Manifests.OfKind<V1CronJob>().Count());
        Assert.NotEmpty(Manifests.OfKind<V1NetworkPolicy>());
        Assert.NotEmpty(Manifests.OfKind<V1PersistentVolumeClaim>());
        Assert.Contains(Manifests.OfKind<V1ConfigMap>(), c => c.Metadata.Name.StartsWith("reasoning-graph-pii-catalog-", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryContainer_HasANameAndAnImage()
    {
        Assert.All(Manifests.Containers(), c =>
        {
            Assert.False(string.IsNullOrEmpty(c.Container.Name), c.Owner);
            Assert.False(string.IsNullOrEmpty(c.Container.Image), c.Owner);
        });
    }

    [Fact]
    public void AMisspeltField_IsRefused()
    {
        string fixture = Fixture("misspelt-field.yaml");
        var refused = Assert.Throws<ManifestException>(() => Manifests.LoadAll(fixture));
        Assert.Contains("readinesProbe", refused.Message, StringComparison.Ordinal);

        // The same document spelt right is accepted: the misspelling alone was refused.
        var fixedUp = Assert.Single(Manifests.LoadAll(fixture.Replace("readinesProbe", "readinessProbe", StringComparison.Ordinal)));
        Assert.Equal("/ready", ((V1Deployment)fixedUp).Spec.Template.Spec.Containers[0].ReadinessProbe.HttpGet.Path);
    }

    [Theory]
    [InlineData("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: x\n", "no such apiVersion/kind")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: two\n", "two")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n", "name")]
    public void AnUnknownKindAWrongTypeOrADuplicateKey_IsRefused(string document, string named)
    {
        var refused = Assert.Throws<ManifestException>(() => Manifests.LoadStrict(document));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }
}
