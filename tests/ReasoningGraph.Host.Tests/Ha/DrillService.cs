using ReasoningGraph.Host.Tests.Cli;

namespace ReasoningGraph.Host.Tests.Ha;

/// <summary>
/// The service as the drills run it: a process on the Patroni pair's database (Development, the development principal,
/// migrations at start-up, no rate limit in the way), signing with a key made for the drill.
/// </summary>
internal static class DrillService
{
    /// <summary>Makes a signing key (and its <c>signers.json</c>) in <paramref name="keys"/> under <paramref name="signerId"/>.</summary>
    public static async Task KeygenAsync(string keys, string signerId) =>
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", keys, "--signer-id", signerId])).ExitCode);

    /// <summary>The service's environment; <paramref name="extra"/> adds or overrides settings.</summary>
    public static Dictionary<string, string> Environment(string databaseUrl, string keys, string signerId, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["STORE"] = "postgres",
            ["DATABASE_URL"] = databaseUrl,
            ["MIGRATE_ON_START"] = "true",
            ["SIGNING_KEY_PATH"] = Path.Combine(keys, "signing-key.pem"),
            ["SIGNER_ID"] = signerId,
            ["RATE_LIMIT_PER_SECOND"] = "1000000",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }
}
