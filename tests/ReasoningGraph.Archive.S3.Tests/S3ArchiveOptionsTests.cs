using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReasoningGraph.Archive.S3.Tests;

/// <summary>Configuration from the environment, validation, and the DI registration (no server needed).</summary>
public sealed class S3ArchiveOptionsTests
{
    [Fact]
    public void FromEnvironment_ReadsTheS3Variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["S3_ENDPOINT"] = "http://127.0.0.1:7480",
            ["S3_BUCKET"] = "audit",
            ["S3_REGION"] = "eu-west-1",
            ["AWS_REGION"] = "us-west-2",
            ["S3_ACCESS_KEY"] = "ak",
            ["S3_SECRET"] = "sk",
            ["S3_PREFIX"] = "rg/",
            ["S3_RETENTION_MODE"] = "governance",
            ["S3_RETENTION_DAYS"] = "30",
        };

        var options = S3ArchiveOptions.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal(new Uri("http://127.0.0.1:7480"), options.ServiceUrl);
        Assert.Equal(("audit", "eu-west-1", "ak", "sk", "rg/"), (options.Bucket, options.Region, options.AccessKey, options.SecretKey, options.Prefix));
        Assert.Equal(S3RetentionMode.Governance, options.RetentionMode);
        Assert.Equal(TimeSpan.FromDays(30), options.RetentionPeriod);
    }

    [Fact]
    public void FromEnvironment_FallsBackToTheAwsRegionAndDefaults()
    {
        var options = S3ArchiveOptions.FromEnvironment(name => name == "AWS_REGION" ? "ap-south-1" : null);

        Assert.Equal("ap-south-1", options.Region);
        Assert.Null(options.ServiceUrl);
        Assert.Null(options.AccessKey);
        Assert.Equal(S3RetentionMode.Compliance, options.RetentionMode);
    }

    [Theory]
    [InlineData("S3_RETENTION_MODE", "FOREVER")]
    [InlineData("S3_RETENTION_DAYS", "1.5")]
    [InlineData("S3_ENDPOINT", "not a url")]
    public void FromEnvironment_RejectsUnreadableValues(string name, string value)
    {
        Assert.Throws<FormatException>(() => S3ArchiveOptions.FromEnvironment(n => n == name ? value : null));
    }

    [Fact]
    public void Validation_ListsEveryProblem()
    {
        var options = new S3ArchiveOptions { Bucket = "", AccessKey = "only-the-key", Prefix = "/x", RetentionPeriod = TimeSpan.FromHours(12) };

        var error = Assert.Throws<OptionsValidationException>(() => S3ArchiveOptionsValidator.ThrowIfInvalid(options));

        Assert.Equal(4, error.Failures.Count());
    }

    [Fact]
    public void UseS3Archive_RegistersTheArchiveAndValidatesItsOptions()
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph().UseS3Archive(o =>
        {
            o.ServiceUrl = new Uri("http://127.0.0.1:9");
            o.Bucket = "audit";
            o.AccessKey = "ak";
            o.SecretKey = "sk";
        });
        using var provider = services.BuildServiceProvider();

        var archive = provider.GetRequiredService<ISnapshotArchive>();

        Assert.IsType<S3SnapshotArchive>(archive);
        Assert.Same(archive, provider.GetRequiredService<S3SnapshotArchive>());
        Assert.Equal("s3", archive.Kind);

        var invalid = new ServiceCollection();
        invalid.AddReasoningGraph().UseS3Archive(o => o.Bucket = "");
        using var invalidProvider = invalid.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => invalidProvider.GetRequiredService<ISnapshotArchive>());
    }

    [Fact]
    public void UseS3Archive_ReportsAnUnreadableVariableAsAConfigurationProblem()
    {
        // Only this class reads the process environment (its tests run one after another).
        Environment.SetEnvironmentVariable("S3_RETENTION_MODE", "FOREVER");
        try
        {
            var services = new ServiceCollection();
            services.AddReasoningGraph().UseS3Archive(o => o.Bucket = "audit");
            using var provider = services.BuildServiceProvider();

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ISnapshotArchive>());

            Assert.Contains("S3_RETENTION_MODE", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("S3_RETENTION_MODE", null);
        }
    }
}
