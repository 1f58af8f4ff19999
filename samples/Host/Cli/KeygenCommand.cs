using System.CommandLine;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Cli;

/// <summary><c>keygen --out DIR [--signer-id ID] [--force]</c>: a new Ed25519 key, its public key and a signer registry.</summary>
internal static class KeygenCommand
{
    public const string PrivateKeyFile = "signing-key.pem";
    public const string PublicKeyFile = "signing-key.pub";
    public const string RegistryFile = "signers.json";

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = $"Directory to write {PrivateKeyFile} (PKCS#8 PEM, mode 0600), {PublicKeyFile} (base64 SPKI) and {RegistryFile}; created if missing.",
            Required = true,
            HelpName = "DIR",
        };
        var signerId = new Option<string?>("--signer-id")
        {
            Description = "The signer id to register the key under. Default: ed25519-<first 16 hex digits of the SHA-256 of the public key>.",
            HelpName = "ID",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var command = new Command("keygen", "Create a new Ed25519 signing key, its public key and a signer registry file.")
        {
            output, signerId, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(parse.GetValue(output)!, parse.GetValue(signerId), parse.GetValue(force), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo directory, string? signerId, bool force, CancellationToken cancellationToken)
    {
        if (signerId is not null && string.IsNullOrWhiteSpace(signerId))
        {
            await Console.Error.WriteLineAsync("error: --signer-id must not be blank");
            return ExitCodes.BadInput;
        }

        directory.Create();
        string privatePath = Path.Combine(directory.FullName, PrivateKeyFile);
        string publicPath = Path.Combine(directory.FullName, PublicKeyFile);
        string registryPath = Path.Combine(directory.FullName, RegistryFile);
        foreach (string path in new[] { privatePath, publicPath, registryPath })
        {
            if (File.Exists(path) && !force)
            {
                await Console.Error.WriteLineAsync($"error: {path} exists; pass --force to replace the key");
                return ExitCodes.BadInput;
            }
        }

        using var key = Ed25519PrivateKey.Generate(allowExport: true);
        string id = signerId ?? key.PublicKey.KeyId;
        await WritePrivateKeyAsync(privatePath, key.ExportPkcs8Pem(), cancellationToken);
        await File.WriteAllTextAsync(publicPath, key.PublicKey.ToBase64Spki() + "\n", cancellationToken);
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519(id, key.PublicKey)]);
        await File.WriteAllBytesAsync(registryPath, registry.ToJson(), cancellationToken);

        await GraphCommands.WriteUnescapedJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteString("signerId", id);
            json.WriteString("publicKey", key.PublicKey.ToBase64Spki());
            json.WriteString("privateKeyFile", privatePath);
            json.WriteString("publicKeyFile", publicPath);
            json.WriteString("registryFile", registryPath);
            json.WriteEndObject();
        }, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Creates the file readable by its owner only from the start, so the key is never world-readable.</summary>
    private static async Task WritePrivateKeyAsync(string path, string pem, CancellationToken cancellationToken)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await file.WriteAsync(Encoding.ASCII.GetBytes(pem), cancellationToken);
    }
}
