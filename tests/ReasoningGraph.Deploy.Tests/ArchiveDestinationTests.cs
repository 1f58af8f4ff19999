using k8s.Models;
using ReasoningGraph.Deploy.Tests.Support;

namespace ReasoningGraph.Deploy.Tests;

/// <summary>
/// Auditor (PII) snapshots reach only the auditor bucket, with its own credentials and retention, never the operator
/// compliance bucket: in the exports, and in the service's own archives (<c>S3_BUCKET</c> for operator snapshots,
/// <c>AUDITOR_S3_BUCKET</c> for auditor ones), which are the same two buckets.
/// </summary>
public sealed class ArchiveDestinationTests
{
    private static V1Container ExportSnapshots =>
        Assert.Single(Manifests.Named<V1CronJob>("reasoning-graph-export-snapshots").Spec.JobTemplate.Spec.Template.Spec.Containers);

    private static V1Container Service => Assert.Single(Manifests.Named<V1Deployment>("reasoning-graph").Spec.Template.Spec.Containers);

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

        // The service archives each audience to the bucket the export sends it to: never PII into the operator's.
        Assert.Equal(operatorBucket, Containers.Value(Service, "S3_BUCKET"));
        Assert.Equal(auditorBucket, Containers.Value(Service, "AUDITOR_S3_BUCKET"));
    }

    [Theory]
    [InlineData("export-snapshots")]
    [InlineData("service")]
    public void TheAuditorBucket_HasItsOwnCredentialsAndRetention(string workload)
    {
        var container = workload == "service" ? Service : ExportSnapshots;
        var operatorKey = Containers.SecretKey(container, "S3_ACCESS_KEY");
        var auditorKey = Containers.SecretKey(container, "AUDITOR_S3_ACCESS_KEY");
        var auditorSecret = Containers.SecretKey(container, "AUDITOR_S3_SECRET");
        Assert.NotNull(auditorKey);
        Assert.NotNull(auditorSecret);
        Assert.NotEqual(operatorKey?.Name, auditorKey.Name);
        Assert.Equal(auditorKey.Name, auditorSecret.Name);
        Assert.NotEqual(true, auditorKey.Optional);
        Assert.NotEqual(true, auditorSecret.Optional);
        Assert.True(int.TryParse(Containers.Value(container, "AUDITOR_S3_RETENTION_DAYS"), out int days) && days > 0);
        Assert.Contains(Containers.Value(container, "AUDITOR_S3_RETENTION_MODE"), new[] { "COMPLIANCE", "GOVERNANCE" });
    }

    [Theory]
    [InlineData("S3_RETENTION_MODE")]
    [InlineData("S3_RETENTION_DAYS")]
    [InlineData("AUDITOR_S3_RETENTION_MODE")]
    [InlineData("AUDITOR_S3_RETENTION_DAYS")]
    public void TheServiceAndTheExport_WriteEachBucketWithOneRetention(string setting) =>
        Assert.Equal(Containers.Value(ExportSnapshots, setting), Containers.Value(Service, setting));
}
