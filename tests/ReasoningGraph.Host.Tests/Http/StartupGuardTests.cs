using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>Unsafe configurations are refused at start-up with a message naming the setting.</summary>
public sealed class StartupGuardTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-guards-");

    public void Dispose() => _data.Delete(recursive: true);

    [Theory]
    [InlineData("Production", "DEV_SKIP_MTLS", "DEV_SKIP_MTLS=true is a development bypass")]
    [InlineData("Production", "ALLOW_DEV_PRINCIPAL", "ALLOW_DEV_PRINCIPAL=true")]
    [InlineData("Staging", "ALLOW_DEV_PRINCIPAL", "refused in the Staging environment")]
    [InlineData("Production", "REQUIRE_MTLS", "set TLS_CERT_FILE, TLS_KEY_FILE, KERNEL_CA_CERT, KERNEL_TRUSTED_CN")]
    public void UnsafeConfiguration_IsRefused(string environment, string flag, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(environment, $"--{flag}=true"));
        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AFlagThatIsNotABoolean_IsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("Development", "--REQUIRE_MTLS=sure"));
        Assert.Contains("REQUIRE_MTLS must be true or false, not 'sure'", error.Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKernelFiles_AreRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("Production", "--KERNEL_CA_CERT=/nonexistent/ca.pem", "--KERNEL_SIGNER_KEYS_FILE=/nonexistent/keys.json"));
        Assert.Contains(error.Failures, f => f.Contains("KERNEL_CA_CERT names '/nonexistent/ca.pem'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("KERNEL_SIGNER_KEYS_FILE", StringComparison.Ordinal));
    }

    // The library's options validation runs when the application is built, so these are refused before anything starts.
    [Fact]
    public void RequireKms_WithoutARemoteSigner_RefusesToStart()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("Production", "--REQUIRE_KMS=true"));
        Assert.Contains(error.Failures, f => f.Contains("REQUIRE_KMS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PiiCatalog_MissingOrWithoutSalt_RefusesToStart()
    {
        var missing = Assert.Throws<OptionsValidationException>(() => Build(
            "Development", "--PII_CATALOG_FILE=/nonexistent/pii.json", "--PII_SALT=" + Convert.ToBase64String(new byte[32]), "--PII_SALT_ID=s1"));
        Assert.Contains(missing.Failures, f => f.Contains("/nonexistent/pii.json", StringComparison.Ordinal) && f.Contains("PII_CATALOG_FILE", StringComparison.Ordinal));

        string catalog = Path.Combine(_data.FullName, "pii.json");
        await File.WriteAllTextAsync(catalog, "{\"policy_version\":\"v1\",\"fields\":[]}");
        var unsalted = Assert.Throws<OptionsValidationException>(() => Build("Development", "--PII_CATALOG_FILE=" + catalog));
        Assert.Contains(unsalted.Failures, f => f.Contains("PII_SALT", StringComparison.Ordinal) && f.Contains("salt", StringComparison.Ordinal));
        var badSalt = Assert.Throws<OptionsValidationException>(() => Build("Development", "--PII_CATALOG_FILE=" + catalog, "--PII_SALT=not base64!"));
        Assert.Contains("PII_SALT is not valid base64.", badSalt.Failures);
    }

    [Fact]
    public void WorkerInterval_ThatIsNotANumber_IsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("Development", "--SNAPSHOT_WORKER_INTERVAL_SECONDS=soon"));
        Assert.Contains("SNAPSHOT_WORKER_INTERVAL_SECONDS", error.Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentWithThePrincipalFlag_Starts()
    {
        await using var app = Build("Development", "--ALLOW_DEV_PRINCIPAL=true", "--DEV_SKIP_MTLS=true");
        await app.StartAsync();
        await app.StopAsync();
    }

    private Microsoft.AspNetCore.Builder.WebApplication Build(string environment, params string[] settings) =>
        ServiceHost.Build(["--urls=http://127.0.0.1:0", $"--environment={environment}", $"--DATA_DIR={_data.FullName}", "--STORE=embedded", .. settings]);
}
