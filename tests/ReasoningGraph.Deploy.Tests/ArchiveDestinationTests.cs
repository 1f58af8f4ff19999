using k8s.Models;
using ReasoningGraph.Deploy.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

/// <summary>
/// Auditor (PII) snapshots reach only the auditor bucket, with its own credentials and retention, never the operator
/// compliance bucket. The service archives every snapshot it signs, of both audiences, to its one archive
/// (<c>S3_BUCKET</c>), so that bucket must not be the operator compliance bucket either.
/// </summary>
public sealed class ArchiveDestinationTests
{
    private static V1Container ExportSnapshots =>
        Assert.Single(Manifests.Named<V1CronJob>("reasoning-graph-export-snapshots").Spec.JobTemplate.Spec.Template.Spec.Containers);

    /// <summary>The destination the command uses: its option when the manifest passes it, else its variable.</summary>
    private static string Destination(V1Container container, string option, string variable)
    {
        var args = container.Args ?? [];
        int at = args.IndexOf(option);
        return (at >= 0 ? args[at + 1] : Containers.Value(container, variable)) ?? throw new InvalidOperationException($"neither {option} nor {variable} is set");
    }

    private static string Bucket(string location) =>
        location.StartsWith("s3://", StringComparison.Ordinal) ? location[5..].Split('/')[0] : throw new InvalidOperationException($"{location} is not an s3:// location");

    [Fact]
    public void AuditorSnapshots_GoToABucketOfTheirOwn()
    {
        string operatorBucket = Bucket(Destination(ExportSnapshots, "--to", "EXPORT_TO"));
        string auditorBucket = Bucket(Destination(ExportSnapshots, "--auditor-to", "EXPORT_AUDITOR_TO"));
        Assert.NotEqual(operatorBucket, auditorBucket);
        Assert.DoesNotContain("--audience", ExportSnapshots.Args);

        var service = Assert.Single(Manifests.Named<V1Deployment>("reasoning-graph").Spec.Template.Spec.Containers);
        Assert.NotEqual(operatorBucket, Containers.Value(service, "S3_BUCKET"));
    }

    [Fact]
    public void TheAuditorBucket_HasItsOwnCredentialsAndRetention()
    {
        var operatorKey = Containers.SecretKey(ExportSnapshots, "S3_ACCESS_KEY");
        var auditorKey = Containers.SecretKey(ExportSnapshots, "AUDITOR_S3_ACCESS_KEY");
        Assert.NotNull(auditorKey);
        Assert.NotNull(Containers.SecretKey(ExportSnapshots, "AUDITOR_S3_SECRET"));
        Assert.NotEqual(operatorKey?.Name, auditorKey.Name);
        Assert.NotEqual(true, auditorKey.Optional);
        Assert.True(int.TryParse(Containers.Value(ExportSnapshots, "AUDITOR_S3_RETENTION_DAYS"), out int days) && days > 0);
        Assert.Contains(Containers.Value(ExportSnapshots, "AUDITOR_S3_RETENTION_MODE"), new[] { "COMPLIANCE", "GOVERNANCE" });
    }
}
