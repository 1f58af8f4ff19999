using k8s.Models;
using ReasoningGraph.Deploy.Tests.Support;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

public sealed class NetworkPolicyTests
{
    [Fact]
    public void NoPolicy_AllowsAll()
    {
        var problems = Manifests.OfKind<V1NetworkPolicy>().SelectMany(NetworkPolicyCheck.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AnAllowAllPolicy_IsNamed()
    {
        string fixture = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "ReasoningGraph.Deploy.Tests", "Fixtures", "allow-all-networkpolicy.yaml"));
        var problems = NetworkPolicyCheck.Problems((V1NetworkPolicy)Assert.Single(Manifests.LoadAll(fixture)));
        Assert.Equal(
            [
                "allow-all: ingress rule 0 admits every source",
                "allow-all: ingress rule 0 admits every port",
                "allow-all: ingress rule 1: a peer matches every pod of every namespace",
                "allow-all: egress rule 0: 0.0.0.0/0 admits the internet",
                "allow-all: egress rule 1 admits every port",
            ],
            problems);
    }

    [Fact]
    public void EveryPod_IsRestrictedInBothDirections()
    {
        var policies = Manifests.OfKind<V1NetworkPolicy>().ToList();
        Assert.All(Manifests.PodTemplates(), t =>
        {
            var selecting = policies.Where(p => NetworkPolicyCheck.Selects(p.Spec.PodSelector, t.Template.Metadata.Labels)).ToList();
            Assert.True(selecting.Any(p => p.Spec.PolicyTypes.Contains("Ingress")) && selecting.Any(p => p.Spec.PolicyTypes.Contains("Egress")),
                $"{t.Owner}: no NetworkPolicy restricts both its ingress and its egress");
        });
    }

    [Fact]
    public void TheService_AdmitsOnlyTheKernelsAndPrometheusPods_OnItsPort()
    {
        var service = Manifests.Named<V1Deployment>("reasoning-graph").Spec.Template;
        var ingress = Manifests.OfKind<V1NetworkPolicy>()
            .Where(p => NetworkPolicyCheck.Selects(p.Spec.PodSelector, service.Metadata.Labels))
            .SelectMany(p => p.Spec.Ingress ?? []).ToList();
        int port = Assert.Single(service.Spec.Containers[0].Ports).ContainerPort;
        Assert.Equal(["kernel", "prometheus"], ingress.Select(rule =>
        {
            var peer = Assert.Single(rule.FromProperty);
            Assert.Contains("kubernetes.io/metadata.name", peer.NamespaceSelector.MatchLabels.Keys);
            Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(rule.Ports).Port.Value);
            return peer.PodSelector.MatchLabels["app.kubernetes.io/name"];
        }));
    }

    [Fact]
    public void TheJobs_AdmitNothing()
    {
        var jobs = Manifests.PodTemplates().Where(t => !t.Owner.StartsWith("Deployment", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(jobs);
        Assert.All(jobs, t => Assert.Empty(Manifests.OfKind<V1NetworkPolicy>()
            .Where(p => NetworkPolicyCheck.Selects(p.Spec.PodSelector, t.Template.Metadata.Labels))
            .SelectMany(p => p.Spec.Ingress ?? [])));
    }
}
