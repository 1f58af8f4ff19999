using ReasoningGraph.Host.Tests.Cli;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>
/// The executable refuses a configuration it cannot start with exit code 2 and one stderr line per problem, read from
/// the environment as users set it, instead of crashing with a stack trace (exit 134) at the first.
/// </summary>
public sealed class ServeRefusalTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-refusal-");

    public void Dispose() => _data.Delete(recursive: true);

    [Theory]
    [InlineData("serve")]
    [InlineData(null)]
    public async Task BadSettings_ExitWithCode2ListingEveryProblem(string? command)
    {
        string notPem = Path.Combine(_data.FullName, "ca.txt");
        await File.WriteAllTextAsync(notPem, "this is not a certificate");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["STORE"] = "embedded",
            ["DATA_DIR"] = _data.FullName,
            ["PORT"] = "abc",
            ["LOG_FORMAT"] = "xml",
            ["KERNEL_CA_CERT"] = notPem,
            ["REQUIRE_KMS"] = "true",
        };

        var result = await CliProcess.RunAsync(command is null ? [] : [command], environment: environment);

        Assert.Equal(2, result.ExitCode);
        string[] lines = [.. result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))];
        Assert.Equal("error: the service cannot start with this configuration:", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("  - ", line, StringComparison.Ordinal));
        Assert.Equal(4, lines.Length - 1);
        foreach (string name in new[] { "PORT", "LOG_FORMAT", "KERNEL_CA_CERT", "REQUIRE_KMS" })
        {
            Assert.Contains(lines, line => line.Contains(name, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(null, "Host=127.0.0.1;Port=1;Database=rg", "DATABASE_READ_URL needs DATABASE_URL")]
    [InlineData("Host=127.0.0.1;Port=1;Database=rg", "postgres://db/rg?sslmode=sometimes", "DATABASE_READ_URL")]
    [InlineData("Host=127.0.0.1;Port=1;Database=rg", "Host=127.0.0.1;Port=1;Target Session Attributes=read-write", "DATABASE_READ_URL")]
    public async Task AStandbyUrlThatCannotBeUsed_IsARefusal(string? databaseUrl, string readUrl, string named)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DATA_DIR"] = _data.FullName,
            ["DATABASE_READ_URL"] = readUrl,
        };
        if (databaseUrl is not null)
        {
            environment["DATABASE_URL"] = databaseUrl;
        }

        var result = await CliProcess.RunAsync(["serve"], environment: environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private-key.pem", "{private key}")]
    [InlineData("truncated.pem", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n")]
    [InlineData("garbage.json", "{\"signers\": [")]
    [InlineData("unreadable", null)]
    public async Task UnusableKernelKeyFile_IsARefusal_NotACrash(string name, string? content)
    {
        string keys = Path.Combine(_data.FullName, name);
        if (content is null)
        {
            Directory.CreateDirectory(keys); // exists, but cannot be read as a file
        }
        else if (content == "{private key}")
        {
            // A private key where the public keys belong; made here, since no private key is ever committed.
            using var key = ReasoningGraph.Signing.Keys.Ed25519PrivateKey.Generate(allowExport: true);
            await File.WriteAllTextAsync(keys, key.ExportPkcs8Pem());
        }
        else
        {
            await File.WriteAllTextAsync(keys, content);
        }

        var result = await CliProcess.RunAsync(["serve"], environment: new Dictionary<string, string>
        {
            ["DATA_DIR"] = Path.Combine(_data.FullName, "data"),
            ["KERNEL_SIGNER_KEYS_FILE"] = keys,
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("KERNEL_SIGNER_KEYS_FILE", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TornJournal_IsARefusalNamingTheRepair_AndTheRepairLetsItStart()
    {
        string data = Path.Combine(_data.FullName, "torn");
        Directory.CreateDirectory(data);
        string journal = Path.Combine(data, "graph.journal");
        await File.WriteAllTextAsync(journal, Line(1, last: true) + Line(2, last: false) + "{\"kind\":\"node\",\"id\":\"00000000-0000-7000");
        var environment = new Dictionary<string, string> { ["DATA_DIR"] = data, ["PORT"] = "1", ["STORE"] = "embedded" };

        var refused = await CliProcess.RunAsync(["serve"], environment: environment);
        var check = await CliProcess.RunAsync(["journal", "check", "--data-dir", data]);
        var repair = await CliProcess.RunAsync(["journal", "repair", "--data-dir", data]);
        var recheck = await CliProcess.RunAsync(["journal", "check", "--data-dir", data]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"Run 'reasoning-graph journal repair --data-dir {data}'", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("from line 2", refused.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, check.ExitCode);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(check.StandardOutput).RootElement.GetProperty("tornTailLine").GetInt64());
        Assert.Equal(0, repair.ExitCode);
        Assert.Single(Directory.GetFiles(data, "graph.journal.torn-*"));
        Assert.Equal(0, recheck.ExitCode);
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(recheck.StandardOutput).RootElement.GetProperty("items").GetInt64());
    }

    [Fact]
    public async Task DamagedJournal_IsARefusal_ThatSaysRepairCannotHelp()
    {
        string data = Path.Combine(_data.FullName, "damaged");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "graph.journal"), Line(1, last: true).Replace("\"node\"", "\"nodx\"", StringComparison.Ordinal) + Line(2, last: true));

        var refused = await CliProcess.RunAsync(["serve"], environment: new Dictionary<string, string> { ["DATA_DIR"] = data, ["STORE"] = "embedded" });
        var check = await CliProcess.RunAsync(["journal", "check", "--data-dir", data]);
        var repair = await CliProcess.RunAsync(["journal", "repair", "--data-dir", data]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("is damaged", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("restore DATA_DIR from a backup", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, check.ExitCode);
        Assert.Equal(1, repair.ExitCode);
        Assert.Empty(Directory.GetFiles(data, "graph.journal.torn-*"));
    }

    [Theory]
    [InlineData(null, null, "DATABASE_URL is not set")]
    [InlineData("postgres", null, "STORE=postgres needs DATABASE_URL")]
    [InlineData("embedded", "postgres://rg@127.0.0.1:1/rg", "choose one store")]
    [InlineData("memory", null, "STORE must be 'postgres' or 'embedded'")]
    public async Task OutsideDevelopment_TheStoreIsAChoice_NeverASilentFallBack(string? store, string? databaseUrl, string problem)
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DATA_DIR"] = _data.FullName };
        if (store is not null)
        {
            environment["STORE"] = store;
        }

        if (databaseUrl is not null)
        {
            environment["DATABASE_URL"] = databaseUrl;
        }

        var result = await CliProcess.RunAsync(["serve"], environment: environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(problem, result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A journal line: a node; batch continuation lines end in a space before the newline.</summary>
    private static string Line(int n, bool last) =>
        $$"""{"kind":"node","id":"00000000-0000-7000-8000-{{n:D12}}","type":"observation","author":"kernel","payload":{},"createdAt":"2026-01-01T00:00:0{{n}}Z","seq":{{n}}}""" + (last ? "\n" : " \n");
}
