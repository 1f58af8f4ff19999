using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Storage.Postgres.Tests.Support;

namespace ReasoningGraph.Storage.Postgres.Tests.Cli;

/// <summary>
/// Runs the built <c>reasoning-graph</c> CLI against a test schema, with a signing key of its own made by
/// <c>keygen</c> (the CLI signs imports with <c>SIGNING_KEY_PATH</c>, as the service does).
/// </summary>
public sealed class CliDatabase : IAsyncLifetime
{
    private static readonly string CursorKey = Convert.ToBase64String(new byte[32]);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "rg-cli-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Trusts the CLI's key, for verifying the audit chains it signed.</summary>
    public SignerRegistry Signers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var keygen = await CliProcess.RunAsync(["keygen", "--out", Path.Combine(Directory, "key")]);
        Assert.True(keygen.ExitCode == 0, keygen.StandardError);
        Signers = SignerRegistry.Load(Path.Combine(Directory, "key", "signers.json"));
    }

    public string File(string name) => Path.Combine(Directory, name);

    /// <summary>Runs a command on <paramref name="schema"/>'s database and <paramref name="graphId"/>, signing with the key.</summary>
    internal Task<CliResult> RunAsync(PostgresSchema schema, string graphId, params string[] arguments) => CliProcess.RunAsync(
        [.. arguments, "--database-url", schema.ConnectionString, "--schema", schema.Name, "--graph-id", graphId],
        environment: new Dictionary<string, string>
        {
            ["SIGNING_KEY_PATH"] = Path.Combine(Directory, "key", "signing-key.pem"),
            ["REASONING_GRAPH_CURSOR_KEY"] = CursorKey,
        });

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
