using k8s.Models;
using ReasoningGraph.Deploy.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

/// <summary>
/// The restore path of docs/DEPLOYMENT.md: the export CronJob writes graph.jsonl to its volume, and
/// deploy/k8s/exports-reader.yaml (applied by hand, outside the kustomization) mounts that volume read-only, from the
/// same image, where the export put it.
/// </summary>
public sealed class RestoreTests
{
    [Fact]
    public void TheExportsReader_MountsWhereTheExportWrites_FromTheServicesImage()
    {
        var reader = (V1Pod)Manifests.LoadStrict(File.ReadAllText(Path.Combine(Kustomize.Directory, "exports-reader.yaml")));
        var export = Manifests.Named<V1CronJob>("reasoning-graph-export").Spec.JobTemplate.Spec.Template.Spec;
        var exportContainer = Assert.Single(export.Containers);
        string output = exportContainer.Args[exportContainer.Args.IndexOf("--out") + 1];
        string claim = export.Volumes.Single(v => v.PersistentVolumeClaim is not null).PersistentVolumeClaim.ClaimName;
        var writes = exportContainer.VolumeMounts.Single(m => export.Volumes.Single(v => v.Name == m.Name).PersistentVolumeClaim is not null);
        Assert.Equal(writes.MountPath, Path.GetDirectoryName(output));

        var container = Assert.Single(reader.Spec.Containers);
        var mount = Assert.Single(container.VolumeMounts);
        Assert.Equal(claim, reader.Spec.Volumes.Single(v => v.Name == mount.Name).PersistentVolumeClaim.ClaimName);
        Assert.Equal(writes.MountPath, mount.MountPath);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(Assert.Single(Manifests.Named<V1Deployment>("reasoning-graph").Spec.Template.Spec.Containers).Image, container.Image);
        Assert.Contains(Manifests.OfKind<V1PersistentVolumeClaim>(), c => c.Metadata.Name == claim);
        Assert.False(reader.Spec.AutomountServiceAccountToken ?? true);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
    }
}
