using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// A configuration with many independent problems is refused once, listing every one of them, each naming its
/// setting: the user fixes them all after one attempt. Several used to crash with a stack trace instead.
/// </summary>
public sealed class StartupProblemsTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-problems-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public void ManyBadSettings_AreAllListedInOneRefusal()
    {
        string notPem = Write("not-pem.txt", "this is not a certificate");
        string notRegistry = Write("keys.json", "{ not json");
        string aFile = Write("a-file", "");
        var bad = new Dictionary<string, string>
        {
            ["PORT"] = "abc",
            ["MAX_REQUEST_BODY_BYTES"] = "big",
            ["RATE_LIMIT_PER_SECOND"] = "-1",
            ["RATE_LIMIT_BURST"] = "0",
            ["REQUEST_TIMEOUT_SECONDS"] = "soon",
            ["TRACE_CACHE_MAX_BYTES"] = "-1",
            ["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "x",
            ["LOG_FORMAT"] = "xml",
            ["MIGRATE_ON_START"] = "maybe",
            ["REASONING_GRAPH_CURSOR_KEY"] = "!!!",
            ["DATA_DIR"] = Path.Combine(aFile, "data"),
            ["KERNEL_CA_CERT"] = notPem,
            ["KERNEL_SIGNER_KEYS_FILE"] = notRegistry,
            ["TLS_CERT_FILE"] = notPem,
            ["S3_ENDPOINT"] = "not a url",
            ["AUDITOR_S3_RETENTION_DAYS"] = "forever",
            ["SENTINELNET_TIMEOUT"] = "5",
            ["AUDIT_SIGNER_KID"] = "audit-1",
            // Found by the library's options validation of two options types at once (an AggregateException).
            ["REQUIRE_KMS"] = "true",
            ["PII_CATALOG_FILE"] = "/nonexistent/pii.json",
        };
        // What the bad ones need beside them to be checked at all.
        string[] companions = ["--STORE=embedded", "--TLS_KEY_FILE=" + notPem, "--S3_BUCKET=archive", "--AUDITOR_S3_BUCKET=pii-archive", "--PII_SALT=" + Convert.ToBase64String(new byte[32]), "--PII_SALT_ID=s1"];

        var error = Assert.Throws<OptionsValidationException>(() => ServiceHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Production", .. bad.Select(s => $"--{s.Key}={s.Value}"), .. companions]));

        foreach (string name in bad.Keys)
        {
            Assert.True(
                error.Failures.Count(f => f.Contains(name, StringComparison.Ordinal)) == 1,
                $"exactly one problem should name {name}:\n" + string.Join("\n", error.Failures));
        }

        Assert.Equal(bad.Count, error.Failures.Count());
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_data.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
