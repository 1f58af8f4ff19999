using System.Text.Json;
using k8s.Models;
using ReasoningGraph.Deploy.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

/// <summary>The Deployment, the Jobs and the CronJobs: store choice, probes, pod security, resources, token, PII catalog.</summary>
public sealed class WorkloadTests
{
    private static V1Container Service => Assert.Single(Manifests.Named<V1Deployment>("reasoning-graph").Spec.Template.Spec.Containers);

    [Fact]
    public void TheService_ChoosesPostgresExplicitly_WithTheDatabaseUrlFromASecret()
    {
        var store = Assert.Single(Service.Env, e => e.Name == "STORE");
        Assert.Equal("postgres", store.Value);
        var url = Containers.SecretKey(Service, "DATABASE_URL");
        Assert.NotNull(url);
        Assert.NotEqual(true, url.Optional);
    }

    [Fact]
    public void TheService_IsProbedOnHealthForLivenessAndReadyForReadiness()
    {
        Assert.Equal("/health", Service.LivenessProbe.HttpGet.Path);
        Assert.Equal("/ready", Service.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health", Service.StartupProbe?.HttpGet.Path ?? "/health");
        var port = Assert.Single(Service.Ports);
        Assert.All(new[] { Service.LivenessProbe, Service.ReadinessProbe }, p => Assert.Equal(port.Name, p.HttpGet.Port.Value));
        Assert.Equal("HTTPS", Service.ReadinessProbe.HttpGet.Scheme);
    }

    [Fact]
    public void EveryPod_RunsNonRootOnAReadOnlyRootWithoutPrivileges()
    {
        Assert.All(Manifests.PodTemplates(), t => Assert.True(t.Template.Spec.SecurityContext?.RunAsNonRoot, t.Owner));
        Assert.All(Manifests.Containers(), c =>
        {
            var security = Assert.IsType<V1SecurityContext>(c.Container.SecurityContext);
            Assert.True(security.ReadOnlyRootFilesystem, $"{c.Owner}: readOnlyRootFilesystem");
            Assert.False(security.AllowPrivilegeEscalation ?? true, $"{c.Owner}: allowPrivilegeEscalation");
            Assert.Contains("ALL", security.Capabilities?.Drop ?? []);
            Assert.NotEqual(true, security.Privileged);
        });
    }

    [Fact]
    public void EveryContainer_RequestsCpuAndMemoryAndIsCappedInMemory()
    {
        Assert.All(Manifests.Containers(), c =>
        {
            var resources = c.Container.Resources;
            Assert.True(resources?.Requests?.ContainsKey("cpu") == true && resources.Requests.ContainsKey("memory"), $"{c.Owner}: requests");
            Assert.True(resources.Limits?.ContainsKey("memory") == true, $"{c.Owner}: memory limit");
        });
    }

    [Fact]
    public void NoPod_GetsAServiceAccountToken()
    {
        var account = Assert.Single(Manifests.OfKind<V1ServiceAccount>());
        Assert.False(account.AutomountServiceAccountToken ?? true, "the ServiceAccount automounts a token");
        Assert.All(Manifests.PodTemplates(), t =>
        {
            Assert.Equal(account.Metadata.Name, t.Template.Spec.ServiceAccountName);
            Assert.NotEqual(true, t.Template.Spec.AutomountServiceAccountToken);
        });
    }

    [Fact]
    public void ThePiiCatalog_IsMountedFromItsConfigMap_AndWiredWithItsSalt()
    {
        string file = Containers.Value(Service, "PII_CATALOG_FILE") ?? throw new InvalidOperationException("PII_CATALOG_FILE is not set");
        var mount = Assert.Single(Service.VolumeMounts, m => m.MountPath == Path.GetDirectoryName(file));
        Assert.True(mount.ReadOnlyProperty);
        var volume = Assert.Single(Manifests.Named<V1Deployment>("reasoning-graph").Spec.Template.Spec.Volumes, v => v.Name == mount.Name);
        var catalog = Manifests.Named<V1ConfigMap>(volume.ConfigMap.Name);
        Assert.StartsWith("reasoning-graph-pii-catalog-", catalog.Metadata.Name, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(catalog.Data[Path.GetFileName(file)]);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("policy_version").GetString()));

        var salt = Containers.SecretKey(Service, "PII_SALT");
        Assert.NotNull(salt);
        Assert.NotEqual(true, salt.Optional);
        Assert.False(string.IsNullOrEmpty(Containers.Value(Service, "PII_SALT_ID")));
    }

    [Fact]
    public void TheShippedPiiCatalog_IsAcceptedByTheHostAndRedacts()
    {
        string file = Containers.Value(Service, "PII_CATALOG_FILE")!;
        var volume = Manifests.Named<V1Deployment>("reasoning-graph").Spec.Template.Spec.Volumes
            .Single(v => v.ConfigMap?.Name.StartsWith("reasoning-graph-pii-catalog-", StringComparison.Ordinal) == true);
        var directory = Directory.CreateTempSubdirectory("rg-deploy-");
        try
        {
            string catalog = Path.Combine(directory.FullName, "pii-catalog.json");
            File.WriteAllText(catalog, Manifests.Named<V1ConfigMap>(volume.ConfigMap.Name).Data[Path.GetFileName(file)]);
            string graph = Path.Combine(directory.FullName, "graph.jsonl");
            File.WriteAllText(graph, """{"kind":"node","id":"00000000-0000-7000-8000-000000000001","type":"observation","author":"a","createdAt":"2025-11-17T12:00:00Z","payload":{"customer":{"email":"ada@example.com"}}}""" + "\n");
            var keygen = HostCli.Run(["keygen", "--out", directory.FullName]);
            Assert.True(keygen.ExitCode == 0, keygen.StandardError);

            string output = Path.Combine(directory.FullName, "snapshot.json");
            var environment = new Dictionary<string, string>
            {
                ["PII_SALT"] = Convert.ToBase64String("a salt of at least sixteen bytes"u8),
                ["PII_SALT_ID"] = Containers.Value(Service, "PII_SALT_ID")!,
            };
            var snapshot = HostCli.Run(
                ["snapshot", "--graph", graph, "--root", "00000000-0000-7000-8000-000000000001", "--pii-catalog", catalog,
                 "--key", Path.Combine(directory.FullName, "signing-key.pem"), "--out", output], environment);
            Assert.True(snapshot.ExitCode == 0, snapshot.StandardError);
            string document = File.ReadAllText(output);
            Assert.DoesNotContain("ada@example.com", document, StringComparison.Ordinal);
            Assert.Contains("[REDACTED:EMAIL]", document, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
